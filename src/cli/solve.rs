//! The `solve` command: flags, backend choice, repeats, adapters, resume, time budget and signals.

use super::{load_tasks, local, openai, report, signals, ExecOptions, TaskArgs};
use crate::cost::PriceTable;
use crate::exec::{ExecConfig, Executor};
use crate::generate::local::LocalGenerator;
use crate::generate::openai::OpenAiGenerator;
use crate::generate::replay::ReplayGenerator;
use crate::generate::{Cancellation, Generator, SamplingParams};
use crate::library::LibraryGenerator;
use crate::metrics::{spread, RunMetrics};
use crate::plan::{parse_duration, Deadlines};
use crate::prompt::{PromptTemplate, DEFAULT_PROMPT_VERSION};
use crate::solve::{RunSettings, Solver, StopReason};
use crate::store::{ProgramStore, RunInfo, StoredRun};
use crate::submission::{write_atomic, Submission};
use crate::task::Task;
use anyhow::{anyhow, bail, Context};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Which backend generates completions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Backend {
    /// Built-in library of general programs (default).
    Library,
    /// Recorded completions or programs from `--replay FILE`.
    Replay,
    /// A Qwen-family model run in this process (`--model DIR`).
    Local,
    /// An OpenAI-compatible endpoint (`--base-url URL --model NAME`).
    Openai,
}

/// Options of `solve`.
#[derive(Args, Debug)]
pub struct SolveArgs {
    #[command(flatten)]
    tasks: TaskArgs,
    /// Completion source [default: openai when --base-url is given, local when --model is given,
    /// replay when --replay is given, else library].
    #[arg(long, value_enum)]
    backend: Option<Backend>,
    /// JSONL of {"task_id", "completion"} or {"task_id", "code"} for the replay backend.
    #[arg(long)]
    replay: Option<PathBuf>,
    /// Attempts per task, fresh samples and refinements together [default: all the backend has].
    #[arg(long)]
    attempts: Option<usize>,
    /// Share of each task's attempts that repair earlier programs from what they did on the
    /// train pairs (0 ≤ F < 1; 0 samples only). Refinements follow the task's first sampling
    /// pass, in rounds.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    refine_fraction: f64,
    /// Children of one parent asked for in one request (one prompt, K samples).
    #[arg(long, default_value_t = 4)]
    children_per_parent: usize,
    /// How parents are chosen: REX (Thompson sampling on train accuracy and times refined),
    /// uniformly, or the best so far.
    #[arg(long, value_enum, default_value_t = crate::search::ParentSelection::Rex)]
    parent_selection: crate::search::ParentSelection,
    /// REX's exploration constant C (> 0; larger trusts train accuracy more).
    #[arg(long, default_value_t = 20.0, allow_negative_numbers = true)]
    rex_c: f64,
    /// Also refine programs right on every train pair (asking them to generalise).
    #[arg(long)]
    refine_correct: bool,
    /// A task with this many distinct, non-hard-coded programs right on every train pair gets
    /// no more attempts (its budget share goes to open tasks); 0 never stops early.
    #[arg(long, default_value_t = 7)]
    stop_after_solved: usize,
    /// Sampling temperature.
    #[arg(long, default_value_t = 1.0)]
    temperature: f32,
    /// Nucleus sampling mass [default: 1; openai backend: 0.9 on hosted endpoints].
    #[arg(long)]
    top_p: Option<f32>,
    /// Top-k sampling, 0 = off [default: 0; openai backend: 50 on hosted endpoints that take it].
    #[arg(long)]
    top_k: Option<usize>,
    /// Min-p sampling, 0 = off [default: 0; openai backend: 0.05 on self-hosted endpoints].
    #[arg(long)]
    min_p: Option<f32>,
    /// Most tokens per completion [default: 4096; openai backend: replaces the reasoning
    /// effort's budget].
    #[arg(long, visible_alias = "max-tokens")]
    max_new_tokens: Option<usize>,
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
    #[command(flatten)]
    openai: openai::OpenAiArgs,
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
    /// Time budget for the whole invocation, like `11h30m` (from process start, model loading
    /// included): samples per task are planned from measured throughput so every task gets a
    /// first pass before any gets a second and all finish with a safety margin; at the hard
    /// deadline the submission is final and the run ends with exit 0. Needs --attempts.
    #[arg(long)]
    time_budget: Option<String>,
    /// Go on with an earlier run (an id from `arc-solver stats`, or `last`: the latest unfinished
    /// run that wrote the same --out): its finished tasks keep their attempts and are not redone.
    #[arg(long)]
    resume: Option<String>,
    /// Replay backend: seconds before each completion is handed over (simulates a model).
    #[arg(long, default_value_t = 0.0)]
    replay_delay: f64,
    /// Write an HTML report of each run here at its end (with several runs: one file per run,
    /// named <stem>.<run-id>.html).
    #[arg(long)]
    report: Option<PathBuf>,
    /// Print only the final metrics.
    #[arg(long)]
    quiet: bool,
    /// Print the final summary as JSON on stdout (implies --quiet).
    #[arg(long)]
    json: bool,
}

impl SolveArgs {
    /// The backend in force.
    fn backend(&self) -> Backend {
        self.backend.unwrap_or(if self.openai.base_url.is_some() {
            Backend::Openai
        } else if self.local.model.is_some() {
            Backend::Local
        } else if self.replay.is_some() {
            Backend::Replay
        } else {
            Backend::Library
        })
    }

    /// Sampling options of repeat `k`; unset flags take the backend's defaults (for the openai
    /// backend, those of the endpoint kind).
    fn sampling(&self, k: usize) -> SamplingParams {
        let (top_p, top_k, min_p) = if self.backend() == Backend::Openai {
            let d = self.openai.kind().sampling_defaults();
            (d.top_p, d.top_k, d.min_p)
        } else {
            (1.0, 0, 0.0)
        };
        let max_new_tokens = match self.backend() {
            // --max-tokens, else what the endpoint's requests carry (0: its own limit); the
            // model name plays no part.
            Backend::Openai => self
                .max_new_tokens
                .or_else(|| {
                    self.openai
                        .shape("", None, self.local.no_think)
                        .max_tokens_sent()
                })
                .unwrap_or(0),
            _ => self.max_new_tokens.unwrap_or(4096),
        };
        SamplingParams {
            temperature: self.temperature,
            top_p: self.top_p.unwrap_or(top_p),
            top_k: self.top_k.unwrap_or(top_k),
            min_p: self.min_p.unwrap_or(min_p),
            max_new_tokens,
            seed: self.seed + k as u64,
            stop: self.stop.clone(),
        }
    }

    /// The search flags, checked (errors name the flag).
    fn search(&self) -> anyhow::Result<crate::search::SearchSettings> {
        let search = crate::search::SearchSettings {
            refine_fraction: self.refine_fraction,
            children_per_parent: self.children_per_parent,
            parent_selection: self.parent_selection,
            rex_c: self.rex_c,
            refine_correct: self.refine_correct,
            stop_after_solved: self.stop_after_solved,
        };
        search.validate()?;
        if search.refines() && self.attempts.is_none() {
            bail!("--refine-fraction takes a share of --attempts: give --attempts N");
        }
        Ok(search)
    }

    fn openai_options(&self) -> anyhow::Result<crate::generate::openai::OpenAiOptions> {
        self.openai.options(
            self.local.model.as_deref(),
            self.max_new_tokens,
            self.local.no_think,
        )
    }
}

fn make_generator(args: &SolveArgs, adapter: Option<&Path>) -> anyhow::Result<Box<dyn Generator>> {
    let backend = args.backend();
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
            if !(args.replay_delay.is_finite() && args.replay_delay >= 0.0) {
                bail!("--replay-delay must be a non-negative number of seconds");
            }
            Box::new(
                ReplayGenerator::open(path)?.with_delay(Duration::from_secs_f64(args.replay_delay)),
            )
        }
        Backend::Local => {
            // The engine sizes its batch (when --max-batch is not given) for these lengths.
            let mut options = args.local.options(adapter.map(Path::to_path_buf))?;
            options.engine.lengths.max_new_tokens = args.sampling(0).max_new_tokens;
            if let Some(n) = args.attempts {
                options.engine.lengths.samples_per_prompt = n;
            }
            Box::new(LocalGenerator::load(&options)?)
        }
        Backend::Openai => Box::new(OpenAiGenerator::new(args.openai_options()?)?),
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

/// Runs `solve`.
pub fn solve(args: SolveArgs) -> anyhow::Result<()> {
    let process_start = Instant::now();
    if args.repeat_runs == 0 {
        bail!("--repeat-runs must be at least 1");
    }
    if args.attempts == Some(0) {
        bail!("--attempts must be at least 1");
    }
    args.search()?;
    let deadlines = match &args.time_budget {
        None => None,
        Some(text) => {
            let budget = parse_duration(text).map_err(|e| anyhow!("--time-budget {e}"))?;
            if args.attempts.is_none() {
                bail!(
                    "--time-budget plans samples per task: give --attempts N (the most per task)"
                );
            }
            Some(Deadlines::new(process_start, budget))
        }
    };
    if args.resume.is_some() && (args.repeat_runs > 1 || args.local.lora.len() > 1) {
        bail!("--resume continues one run: not with --repeat-runs or several --lora");
    }
    let (root, tasks) = load_tasks(&args.tasks)?;
    let template = PromptTemplate::load(&args.prompt_version)?;
    let exec_config = args.exec.config()?;
    let executor = Executor::new(exec_config.clone())?;
    let mut store = ProgramStore::open(&args.db)?;
    let prices = args.openai.price_table()?;
    let cancel = Arc::new(Cancellation::new(deadlines.map(|d| d.hard)));
    signals::install();
    let on_signal = cancel.clone();
    signals::on_signal(move || on_signal.cancel());
    // Several adapters: each is merged and evaluated in turn, with its own runs and submission.
    let adapters: Vec<Option<&Path>> = match args.local.lora.as_slice() {
        [] => vec![None],
        many => many.iter().map(|p| Some(p.as_path())).collect(),
    };
    let outs: Vec<PathBuf> = adapters
        .iter()
        .map(|adapter| match adapter {
            Some(a) if adapters.len() > 1 => adapter_out(&args.out, a),
            _ => args.out.clone(),
        })
        .collect();
    // A complete submission exists before any model is loaded; an earlier run's valid file
    // (which a resume builds on) is kept.
    for out in &outs {
        let valid = Submission::read(out).is_ok_and(|s| s.problems(&tasks).is_empty());
        if !valid {
            Submission::fallback(&tasks)
                .write_atomic(out)
                .with_context(|| format!("{}: cannot write submission", out.display()))?;
        }
    }
    let mut by_adapter = Vec::new();
    for (adapter, out) in adapters.iter().zip(&outs) {
        if cancel.is_cancelled() {
            break;
        }
        let generator = make_generator(&args, *adapter)?;
        if args.refine_fraction > 0.0 && !generator.can_refine() {
            bail!(
                "--refine-fraction {}: the {} backend cannot refine programs{}",
                args.refine_fraction,
                generator.backend(),
                match args.backend() {
                    Backend::Replay => " (the replay file has no refinement lines: {\"task_id\", \"parent\", \"completion\"})",
                    _ => " (it has no model: use --model or --base-url)",
                }
            );
        }
        let ctx = RunContext {
            root: &root,
            tasks: &tasks,
            template: &template,
            executor: &executor,
            exec_config: &exec_config,
            out,
            prices: &prices,
            deadlines,
            cancel: &cancel,
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
    prices: &'a PriceTable,
    deadlines: Option<Deadlines>,
    cancel: &'a Cancellation,
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
    let resumed = match &args.resume {
        Some(which) => Some(find_resumable(store, which, ctx.out)?),
        None => None,
    };
    let group_id = resumed
        .as_ref()
        .map_or_else(new_run_id, |r| r.info.group_id.clone());
    let mut all_metrics: Vec<RunMetrics> = Vec::new();
    let mut summaries = Vec::new();
    for k in 0..args.repeat_runs {
        if ctx.cancel.is_cancelled() {
            break;
        }
        let run_id = match &resumed {
            Some(r) => r.info.run_id.clone(),
            None if args.repeat_runs == 1 => group_id.clone(),
            None => format!("{group_id}-r{k}"),
        };
        let sampling = args.sampling(k);
        let config = serde_json::json!({
            "attempts": args.attempts,
            "sampling": sampling,
            "exec": exec_config,
            "subset": args.tasks.subset,
            "tasks": tasks.len(),
            "out": ctx.out,
            "time_budget": args.time_budget,
            "search": args.search()?,
            "local": (generator.backend() == "local").then(|| serde_json::json!({
                "model": args.local.model,
                "dtype": format!("{:?}", args.local.dtype).to_lowercase(),
                "devices": args.local.devices,
                "max_batch": args.local.max_batch,
                "kv_budget": args.local.kv_budget,
                "no_think": args.local.no_think,
            })),
            "openai": (generator.backend() == "openai")
                .then(|| args.openai_options().ok())
                .flatten(),
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
        let prior = match &resumed {
            Some(r) => {
                check_resumable(&r.info, &info)?;
                store.reopen_run(&run_id)?;
                store.progress(&run_id)?.len()
            }
            None => {
                store.begin_run(&info)?;
                0
            }
        };
        let info = match &resumed {
            Some(r) => RunInfo {
                started_at: r.info.started_at.clone(),
                ..info
            },
            None => info,
        };
        if !quiet && prior > 0 {
            eprintln!(
                "resuming run {run_id}: {prior} of {} tasks already started",
                tasks.len()
            );
        }
        let settings = RunSettings {
            attempts: args.attempts,
            sampling,
            submission_path: ctx.out.to_path_buf(),
            deadlines: ctx.deadlines,
            search: args.search()?,
        };
        let mut reporter = report::Reporter::new(tasks.len(), quiet, &info);
        let mut solver = Solver {
            generator,
            executor,
            template,
            store: Some(&mut *store),
        };
        let mut outcome = solver.run(
            tasks,
            &settings,
            &info,
            &mut reporter,
            resumed.is_some(),
            ctx.cancel,
        )?;
        reporter.finish();
        if outcome.stopped == Some(StopReason::Cancelled) {
            // Interrupted: everything finished is on disk; the run stays open for --resume.
            eprintln!(
                "interrupted: {} of {} tasks finished and saved in {}; go on with --resume {run_id}",
                outcome.results.len(),
                tasks.len(),
                ctx.out.display()
            );
            std::process::exit(128 + signals::received().unwrap_or(libc::SIGINT));
        }
        if outcome.stopped == Some(StopReason::Deadline) {
            eprintln!(
                "time budget reached: {} of {} tasks answered by models, the rest by fallback guesses",
                outcome.results.len(),
                tasks.len()
            );
        }
        let cost = ctx.prices.cost(
            &info.model,
            outcome.metrics.prompt_tokens,
            outcome.metrics.completion_tokens,
        );
        outcome.metrics.cost_usd = cost.as_ref().map(|c| c.usd);
        store.finish_run(&run_id, &now_rfc3339(), &outcome.metrics)?;
        let mut summary = report::run_summary(&info, &outcome);
        report::add_backend_details(&mut summary, generator.take_run_stats(), cost.as_ref());
        let summary_path = args.runs_dir.join(&run_id).join("summary.json");
        write_atomic(
            &summary_path,
            serde_json::to_string_pretty(&summary)?.as_bytes(),
        )
        .with_context(|| format!("{}: cannot write run summary", summary_path.display()))?;
        if !args.json {
            report::print_metrics(&info, &outcome.metrics, ctx.out, &summary_path);
        }
        if let Some(path) = &args.report {
            write_run_report(args, path, &run_id, quiet)?;
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

/// `--report`: the run's HTML page (one file per run when the invocation makes several).
fn write_run_report(
    args: &SolveArgs,
    path: &Path,
    run_id: &str,
    quiet: bool,
) -> anyhow::Result<()> {
    let several = args.repeat_runs > 1 || args.local.lora.len() > 1;
    let out = if several {
        let stem = path
            .file_stem()
            .map_or_else(|| "report".into(), |s| s.to_string_lossy().into_owned());
        path.with_file_name(format!("{stem}.{run_id}.html"))
    } else {
        path.to_path_buf()
    };
    let opts = crate::html_report::ReportOptions::new(&args.db, Some(run_id.to_string()), &out);
    let written = crate::html_report::write_report(&opts)
        .with_context(|| format!("--report {}", out.display()))?;
    if !quiet {
        eprintln!(
            "report {} ({:.1} KiB)",
            out.display(),
            written.bytes as f64 / 1024.0
        );
    }
    Ok(())
}

/// The run `--resume` names: an id, or `last` (the latest unfinished run that wrote `out`).
fn find_resumable(store: &ProgramStore, which: &str, out: &Path) -> anyhow::Result<StoredRun> {
    let runs = store.runs()?;
    let found = if which == "last" {
        runs.into_iter()
            .rev()
            .find(|r| r.metrics.is_none() && r.info.config["out"] == serde_json::json!(out))
    } else {
        runs.into_iter().find(|r| r.info.run_id == which)
    };
    found.with_context(|| match which {
        "last" => format!(
            "--resume last: no unfinished run wrote {} in this store",
            out.display()
        ),
        id => format!("--resume {id}: no such run in this store (see `arc-solver stats`)"),
    })
}

/// A resumed run must continue the same work: same backend, model, prompt, split and data.
fn check_resumable(earlier: &RunInfo, now: &RunInfo) -> anyhow::Result<()> {
    for (what, a, b) in [
        ("backend", &earlier.backend, &now.backend),
        ("model", &earlier.model, &now.model),
        (
            "prompt version",
            &earlier.prompt_version,
            &now.prompt_version,
        ),
        ("split", &earlier.split, &now.split),
        ("data root", &earlier.data_root, &now.data_root),
    ] {
        if a != b {
            bail!(
                "--resume {}: it used {what} {a:?}, this invocation {b:?}",
                earlier.run_id
            );
        }
    }
    if earlier.config["attempts"] != now.config["attempts"] {
        bail!(
            "--resume {}: it used --attempts {}, this invocation {}",
            earlier.run_id,
            earlier.config["attempts"],
            now.config["attempts"]
        );
    }
    // Runs recorded before the search settings existed searched with none.
    let search_of = |config: &serde_json::Value| match &config["search"] {
        serde_json::Value::Null => serde_json::json!(crate::search::SearchSettings::default()),
        s => s.clone(),
    };
    let (before, after) = (search_of(&earlier.config), search_of(&now.config));
    if before != after {
        bail!(
            "--resume {}: it searched with {before}, this invocation with {after} (give the same --refine-fraction, --children-per-parent, --parent-selection, --rex-c, --refine-correct and --stop-after-solved)",
            earlier.run_id
        );
    }
    Ok(())
}
