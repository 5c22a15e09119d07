//! The `validate`, `score`, `exec`, `prompt` and `stats` subcommands.

use super::report::{print_spread, render_grid};
use super::{load_tasks, ExecOptions, TaskArgs};
use crate::exec::{corpus, ExecConfig, Executor};
use crate::generate::local::chat::render_chatml;
use crate::metrics::{spread, RunMetrics};
use crate::store::ProgramStore;
use crate::submission::Submission;
use crate::task::{self, Grid};
use anyhow::{bail, Context};
use clap::Args;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Options of `exec`: one program on one task (`PROGRAM --task ID`), or corpus mode
/// (`--programs P.jsonl --challenges FILE… --out O.jsonl`).
#[derive(Args, Debug)]
pub struct ExecArgs {
    /// Python file defining transform(grid).
    #[arg(required_unless_present = "programs", conflicts_with = "programs")]
    pub program: Option<PathBuf>,
    /// Task id to run it on.
    #[arg(long, required_unless_present = "programs")]
    pub task: Option<String>,
    #[command(flatten)]
    tasks: TaskArgs,
    /// Corpus mode: JSONL of {"id", "task_id", "code"}.
    #[arg(long, requires_all = ["challenges", "out"])]
    pub programs: Option<PathBuf>,
    /// Corpus mode: challenges file(s) holding the tasks.
    #[arg(long)]
    pub challenges: Vec<PathBuf>,
    /// Corpus mode: output JSONL of {"id", "task_id", "outputs", "errors"}.
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    exec: ExecOptions,
    /// Plain digits instead of colours.
    #[arg(long)]
    pub no_colour: bool,
}

/// Options of `prompt`.
#[derive(Args, Debug)]
pub struct PromptArgs {
    #[command(flatten)]
    tasks: TaskArgs,
    /// Prompt version: a built-in name or a directory with system.txt and user.txt [default:
    /// soar-v1; with --refine: soar-refine-v1].
    #[arg(long)]
    prompt_version: Option<String>,
    /// Qwen3 no-think form (an empty think block opens the answer).
    #[arg(long)]
    no_think: bool,
    /// One JSON line per task: {"task_id", "text"}.
    #[arg(long)]
    json: bool,
    /// Print the refinement prompt (soar-refine-v1) of this program instead: it is run on each
    /// task and its real outputs are the feedback shown.
    #[arg(long, value_name = "FILE.py")]
    refine: Option<PathBuf>,
    #[command(flatten)]
    exec: ExecOptions,
}

/// `prompt`: the exact text a local model is prompted with, per task (with `--refine`, the
/// refinement prompt of a program, from what it returns when run on the task).
pub fn prompt(args: &PromptArgs) -> anyhow::Result<()> {
    let refine = match &args.refine {
        Some(path) => {
            let code = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read program", path.display()))?;
            let executor = Executor::new(ExecConfig {
                workers: 1,
                ..args.exec.config()?
            })?;
            Some((code, executor))
        }
        None => None,
    };
    let version = args.prompt_version.as_deref().unwrap_or(match refine {
        Some(_) => crate::prompt::REFINE_PROMPT_VERSION,
        None => crate::prompt::DEFAULT_PROMPT_VERSION,
    });
    let template = crate::prompt::PromptTemplate::load(version)?;
    let (_, tasks) = load_tasks(&args.tasks)?;
    for task in &tasks {
        let prompt = match &refine {
            Some((code, executor)) => {
                let run = executor.run(code, Arc::new(task.all_inputs()));
                let outputs: Vec<Option<Grid>> = run.outputs.into_iter().map(Result::ok).collect();
                let (train, test) = outputs.split_at(task.train.len().min(outputs.len()));
                let draft = crate::prompt::Draft {
                    code,
                    train_outputs: train,
                    test_outputs: test,
                };
                template.render_refinement(task, &draft)
            }
            None => template.render(task),
        };
        let text = render_chatml(&prompt, args.no_think);
        if args.json {
            println!("{}", serde_json::json!({"task_id": task.id, "text": text}));
        } else {
            print!("{text}");
        }
    }
    Ok(())
}

/// `validate`: exits non-zero with the list of problems when the submission is invalid.
pub fn validate(submission: &Path, challenges: &Path) -> anyhow::Result<()> {
    let tasks = task::load_challenges(challenges)?;
    let sub = Submission::read(submission)?;
    let problems = sub.problems(&tasks);
    if problems.is_empty() {
        let inputs: usize = tasks.iter().map(|t| t.test.len()).sum();
        println!(
            "{}: valid ({} tasks, {inputs} test inputs)",
            submission.display(),
            tasks.len()
        );
        return Ok(());
    }
    for p in problems.iter().take(50) {
        eprintln!("{}: {p}", submission.display());
    }
    bail!(
        "{}: invalid submission ({} problems)",
        submission.display(),
        problems.len()
    )
}

/// `score`: Kaggle's score of a submission.
pub fn score(submission: &Path, solutions: &Path, json: bool) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(solutions)
        .with_context(|| format!("{}: cannot read", solutions.display()))?;
    let raw: BTreeMap<String, Vec<Vec<Vec<i64>>>> = serde_json::from_str(&text)
        .with_context(|| format!("{}: malformed solutions JSON", solutions.display()))?;
    let mut sols: BTreeMap<String, Vec<Grid>> = BTreeMap::new();
    for (id, grids) in raw {
        let grids = grids
            .iter()
            .map(|g| Grid::from_rows_i64(g))
            .collect::<Result<Vec<_>, _>>()
            .with_context(|| format!("{}: task {id}", solutions.display()))?;
        sols.insert(id, grids);
    }
    let sub = Submission::read(submission)?;
    let missing = sols.keys().filter(|id| !sub.0.contains_key(*id)).count();
    let (value, n) = sub.score(&sols);
    if json {
        println!(
            "{}",
            serde_json::json!({ "score": value, "tasks": n, "missing_tasks": missing })
        );
    } else {
        println!("score {:.4} ({:.2} of {n} tasks)", value, value * n as f64);
        if missing > 0 {
            println!("{missing} solution tasks are missing from the submission (scored 0)");
        }
    }
    Ok(())
}

/// `exec`: runs one program on one task and shows the grids, or runs a corpus.
pub fn exec(args: ExecArgs) -> anyhow::Result<()> {
    if let Some(programs) = &args.programs {
        return exec_corpus(&args, programs);
    }
    let (Some(program), Some(task_id)) = (&args.program, &args.task) else {
        bail!("exec needs PROGRAM --task ID, or --programs FILE --challenges FILE --out FILE");
    };
    let code = std::fs::read_to_string(program)
        .with_context(|| format!("{}: cannot read program", program.display()))?;
    let task = if args.challenges.is_empty() {
        let mut selection = args.tasks.clone();
        selection.tasks = vec![task_id.clone()];
        let (_, mut tasks) = load_tasks(&selection)?;
        tasks.swap_remove(0)
    } else {
        let mut found = None;
        for file in &args.challenges {
            found = found.or(task::load_challenges(file)?
                .into_iter()
                .find(|t| &t.id == task_id));
        }
        found.with_context(|| format!("task {task_id} is in none of the --challenges files"))?
    };
    let task = &task;
    let executor = Executor::new(ExecConfig {
        workers: 1,
        ..args.exec.config()?
    })?;
    let run = executor.run(&code, Arc::new(task.all_inputs()));
    let colour = !args.no_colour && std::io::stdout().is_terminal();
    let expected: Vec<Option<&Grid>> = task
        .train
        .iter()
        .map(|p| Some(&p.output))
        .chain((0..task.test.len()).map(|i| task.solutions.as_ref().and_then(|s| s.get(i))))
        .collect();
    let mut right = 0;
    for (i, (input, result)) in task.all_inputs().iter().zip(&run.outputs).enumerate() {
        let name = if i < task.train.len() {
            format!("train {}", i + 1)
        } else {
            format!("test {}", i - task.train.len() + 1)
        };
        let verdict = match (result, expected[i]) {
            (Ok(g), Some(e)) if g == e => {
                right += 1;
                "correct"
            }
            (Ok(_), Some(_)) => "wrong",
            (Ok(_), None) => "no expected output",
            (Err(_), _) => "failed",
        };
        println!("== {name}: {verdict}");
        println!("input:\n{}", render_grid(input, colour));
        if let Some(e) = expected[i] {
            println!("expected:\n{}", render_grid(e, colour));
        }
        match result {
            Ok(g) => println!("got:\n{}", render_grid(g, colour)),
            Err(e) => println!("got: {e}\n"),
        }
    }
    let known = expected.iter().filter(|e| e.is_some()).count();
    println!(
        "{right}/{known} correct in {:.3} s, {} steps",
        run.elapsed.as_secs_f64(),
        run.steps
    );
    Ok(())
}

fn exec_corpus(args: &ExecArgs, programs: &Path) -> anyhow::Result<()> {
    let out = args.out.as_ref().context("--programs needs --out")?;
    let mut tasks: Vec<crate::task::Task> = Vec::new();
    for file in &args.challenges {
        tasks.extend(task::load_challenges(file)?);
    }
    let programs = corpus::read_programs(programs)?;
    let executor = Executor::new(args.exec.config()?)?;
    let start = std::time::Instant::now();
    let results = corpus::run_corpus(&executor, &programs, &tasks);
    corpus::write_results(out, &results)?;
    let calls: usize = results.iter().map(|r| r.errors.len()).sum();
    let failed = results
        .iter()
        .flat_map(|r| &r.errors)
        .filter(|e| e.is_some())
        .count();
    eprintln!(
        "{} programs, {calls} calls ({failed} failed) in {:.2} s → {}",
        results.len(),
        start.elapsed().as_secs_f64(),
        out.display()
    );
    let mut missing = std::collections::BTreeMap::new();
    for name in results.iter().flat_map(|r| &r.missing_features) {
        *missing.entry(name.clone()).or_insert(0) += 1;
    }
    if !missing.is_empty() {
        eprintln!(
            "missing numpy/scipy (programs): {}",
            super::report::missing_list(&missing)
        );
    }
    Ok(())
}

/// `stats`: metrics per run, and spread over the repeats of each group.
pub fn stats(db: &Path, json: bool) -> anyhow::Result<()> {
    if !db.exists() {
        bail!(
            "{}: no program store here (run `arc-solver solve` first or pass --db)",
            db.display()
        );
    }
    let store = ProgramStore::open(db)?;
    let runs = store.runs()?;
    let mut groups: BTreeMap<String, Vec<RunMetrics>> = BTreeMap::new();
    for r in &runs {
        if let Some(m) = &r.metrics {
            groups
                .entry(r.info.group_id.clone())
                .or_default()
                .push(m.clone());
        }
    }
    if json {
        let per_group: BTreeMap<&String, _> =
            groups.iter().map(|(g, ms)| (g, spread(ms))).collect();
        println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({ "runs": runs, "groups": per_group })
            )?
        );
        return Ok(());
    }
    println!(
        "{:<26} {:<10} {:<22} {:>6} {:>9} {:>9} {:>9} {:>9} {:>10}",
        "run", "backend", "model", "tasks", "pass@2", "train-maj", "oracle", "attempts", "cost USD"
    );
    let opt = |x: Option<f64>| x.map_or_else(|| "-".into(), |v| format!("{:.1}%", 100.0 * v));
    for r in &runs {
        let Some(m) = &r.metrics else {
            println!(
                "{:<26} {:<10} {:<22} (unfinished)",
                r.info.run_id, r.info.backend, r.info.model
            );
            continue;
        };
        let model: String = r.info.model.chars().take(22).collect();
        println!(
            "{:<26} {:<10} {:<22} {:>6} {:>9} {:>9} {:>9} {:>9} {:>10}",
            r.info.run_id,
            r.info.backend,
            model,
            m.tasks,
            opt(m.pass2_weighted),
            opt(m.pass2_train_majority),
            opt(m.oracle),
            m.attempts,
            m.cost_usd.map_or_else(|| "-".into(), |c| format!("{c:.4}"))
        );
    }
    let searched: Vec<(&str, &RunMetrics)> = runs
        .iter()
        .filter_map(|r| Some((r.info.run_id.as_str(), r.metrics.as_ref()?)))
        .filter(|(_, m)| m.refinements > 0 || m.tasks_stopped_early > 0)
        .collect();
    if !searched.is_empty() {
        println!(
            "\n{:<26} {:>10} {:>10} {:>8} {:>8} {:>11} {:>11} {:>7} {:>13}",
            "search",
            "pass@2 smp",
            "oracle smp",
            "refined",
            "beat %",
            "1st perfect",
            "1st solved",
            "depth",
            "stopped/saved"
        );
        for (id, m) in searched {
            let count = |x: Option<usize>| x.map_or_else(|| "-".into(), |n| n.to_string());
            println!(
                "{:<26} {:>10} {:>10} {:>8} {:>8} {:>11} {:>11} {:>7} {:>13}",
                id,
                opt(m.pass2_weighted_sampling),
                opt(m.oracle_sampling),
                m.refinements,
                opt(m.refinements_beat_parent),
                m.tasks_first_train_perfect_by_refinement,
                count(m.tasks_first_solved_by_refinement),
                m.winner_mean_depth
                    .map_or_else(|| "-".into(), |d| format!("{d:.2}")),
                format!("{}/{}", m.tasks_stopped_early, m.attempts_saved)
            );
        }
    }
    let costs: Vec<f64> = runs
        .iter()
        .filter_map(|r| r.metrics.as_ref()?.cost_usd)
        .collect();
    if !costs.is_empty() {
        println!(
            "total cost: ${:.4} over {} priced run(s)",
            costs.iter().sum::<f64>(),
            costs.len()
        );
    }
    for (group, ms) in groups.iter().filter(|(_, ms)| ms.len() > 1) {
        println!("\ngroup {group}:");
        print_spread(&spread(ms));
    }
    Ok(())
}

/// `bench exec`: prints the table (and writes JSON when asked).
pub fn bench_exec(args: &super::BenchExecArgs) -> anyhow::Result<()> {
    use crate::bench::exec as bench;
    let opts = bench::ExecBenchOptions {
        programs: args.programs.clone(),
        challenges: args.challenges.clone(),
        workers: args
            .workers
            .unwrap_or_else(|| crate::exec::ExecConfig::default().workers),
        repeat: args.repeat,
        python: (!args.no_cpython).then(|| args.python.clone()),
        reference_script: args.reference_script.clone(),
        exe: std::env::current_exe().context("cannot find this executable to start workers")?,
    };
    let report = bench::run(&opts)?;
    print!("{}", bench::render(&report));
    write_json_report(args.json.as_deref(), &report)?;
    Ok(())
}

/// `bench parity`: the engine's logits and greedy tokens for a reference prompt, as JSON.
pub fn bench_parity(args: &super::BenchParityArgs) -> anyhow::Result<()> {
    use crate::bench::parity;
    let device = one_device(&args.device)?;
    let report = parity::run(&parity::ParityOptions {
        model: args.model.clone(),
        lora: args.lora.clone(),
        device,
        dtype: args.dtype,
        reference: args.reference.clone(),
    })?;
    let text = serde_json::to_string(&report)?;
    match &args.json {
        Some(path) => crate::submission::write_atomic(path, text.as_bytes())
            .with_context(|| format!("{}: cannot write", path.display()))?,
        None => println!("{text}"),
    }
    Ok(())
}

/// `bench steps`: the step-budget calibration table (and JSON when asked).
pub fn bench_steps(args: &super::BenchStepsArgs) -> anyhow::Result<()> {
    use crate::bench::steps as bench;
    let seconds = |flag: &str, v: f64| -> anyhow::Result<std::time::Duration> {
        std::time::Duration::try_from_secs_f64(v)
            .ok()
            .filter(|d| !d.is_zero())
            .with_context(|| format!("--{flag} {v}: must be a positive number of seconds"))
    };
    if !(args.limit > 0.0 && args.margin >= 1.0) {
        anyhow::bail!("--limit must be positive and --margin at least 1");
    }
    let opts = bench::StepsBenchOptions {
        programs: args.programs.clone(),
        challenges: args.challenges.clone(),
        python: args.python.clone(),
        timer_script: args.timer_script.clone(),
        repeat: args.repeat,
        limit_s: args.limit,
        margin: args.margin,
        timeout: seconds("timeout", args.timeout)?,
        measure_timeout: seconds("measure-timeout", args.measure_timeout)?,
        budget: args.max_steps,
    };
    let report = bench::run(&opts)?;
    print!("{}", bench::render(&report));
    write_json_report(args.json.as_deref(), &report)?;
    Ok(())
}

/// `bench prefix`: prompt tokens prefilled and KV allocated on a refinement round, with and
/// without prefix sharing (see [`crate::bench::prefix`]).
pub fn bench_prefix(args: &super::BenchPrefixArgs) -> anyhow::Result<()> {
    use crate::bench::prefix as bench;
    let device = one_device(&args.device)?;
    let task = task::load_challenges(&args.challenges)?
        .into_iter()
        .find(|t| t.id == args.task)
        .with_context(|| format!("--task {}: not in {}", args.task, args.challenges.display()))?;
    let report = bench::run(&bench::PrefixBenchOptions {
        model: args.model.clone(),
        task,
        drafts: args.drafts,
        samples: args.samples,
        max_new_tokens: args.max_new_tokens,
        device,
        dtype: args.dtype,
        seed: 0,
    })?;
    print!("{}", bench::render(&report));
    write_json_report(args.json.as_deref(), &report)?;
    Ok(())
}

/// `bench gen`: local engine throughput table.
pub fn bench_gen(args: &super::BenchGenArgs) -> anyhow::Result<()> {
    use crate::bench::gen as bench;
    use crate::generate::local::config::{named_config, NAMED_CONFIGS};
    let model = match named_config(&args.config) {
        Some(cfg) => bench::ModelSource::Named(args.config.clone(), cfg),
        None if Path::new(&args.config).is_dir() => bench::ModelSource::Dir {
            path: PathBuf::from(&args.config),
            random: args.random_weights,
        },
        None => bail!(
            "--config {:?}: neither a built-in shape ({}) nor a model directory",
            args.config,
            NAMED_CONFIGS.join(", ")
        ),
    };
    let device = one_device(&args.device)?;
    if args.batches.is_empty() || args.batches.contains(&0) {
        bail!("--batches must be positive sizes like 1,8,64");
    }
    let report = bench::run(&bench::GenBenchOptions {
        model,
        device,
        dtype: args.dtype,
        prompt_tokens: args.prompt_tokens,
        batches: args.batches.clone(),
        decode_steps: args.decode_steps.max(1),
        independent: !args.no_independent,
        timeline_prompt: args.timeline.unwrap_or(0),
    })?;
    print!("{}", bench::render(&report));
    write_json_report(args.json.as_deref(), &report)?;
    Ok(())
}

/// The one device a bench's `--device` names.
fn one_device(spec: &str) -> anyhow::Result<crate::generate::local::loader::DeviceSpec> {
    match crate::generate::local::loader::parse_devices(spec)?.as_slice() {
        [one] => Ok(*one),
        _ => bail!("--device takes one device (cpu or a GPU ordinal)"),
    }
}

/// Writes a bench's report as pretty JSON (atomically) when `--json` was given.
fn write_json_report(path: Option<&Path>, report: &impl serde::Serialize) -> anyhow::Result<()> {
    if let Some(path) = path {
        crate::submission::write_atomic(path, serde_json::to_string_pretty(report)?.as_bytes())
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(())
}
