//! `bench exec`: executor throughput and latency on a program corpus, against CPython run by
//! `scripts/reference_exec.py` in-process (unsandboxed, one process) and with one subprocess per
//! program (the sandbox Python pipelines use).

use super::quantile;
use crate::exec::corpus::{self, CorpusProgram};
use crate::exec::process::ProcessConfig;
use crate::exec::{budget, ExecConfig, Executor, ProgramRun};
use crate::task::{Grid, Task};
use anyhow::Context;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// What to measure.
pub struct ExecBenchOptions {
    /// Programs JSONL (`{"id", "task_id", "code"}` lines).
    pub programs: PathBuf,
    /// Challenges files the programs' tasks come from.
    pub challenges: Vec<PathBuf>,
    /// Worker count for the parallel configurations.
    pub workers: usize,
    /// Timed repetitions of each embedded configuration (the fastest is reported).
    pub repeat: usize,
    /// CPython with numpy/scipy, or `None` to skip the CPython baselines.
    pub python: Option<PathBuf>,
    /// `scripts/reference_exec.py`.
    pub reference_script: PathBuf,
    /// This executable, for worker processes.
    pub exe: PathBuf,
}

/// One measured configuration.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Measurement {
    /// What ran.
    pub name: String,
    /// Wall time for the whole corpus.
    pub wall_s: f64,
    /// Wall time per program, in corpus order (programs of unknown tasks left out).
    pub per_program_ms: Vec<f64>,
    /// Steps per program (embedded only).
    #[serde(default)]
    pub steps: Vec<u64>,
}

impl Measurement {
    fn programs_per_s(&self) -> f64 {
        self.per_program_ms.len() as f64 / self.wall_s.max(1e-9)
    }
}

/// The timings of CPython as `reference_exec.py --bench-json` writes them.
#[derive(Deserialize)]
struct ReferenceTimings {
    wall_s: f64,
    per_program_ms: Vec<f64>,
}

fn run_embedded(
    name: &str,
    config: ExecConfig,
    jobs: &[(&str, Arc<Vec<Grid>>)],
    repeat: usize,
) -> anyhow::Result<Measurement> {
    // Interpreter start-up is paid once per worker, not per program: it is not timed.
    let executor = Executor::new(config)?;
    let mut best: Option<(f64, Vec<ProgramRun>)> = None;
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        let runs = executor.run_many(jobs);
        let wall = start.elapsed().as_secs_f64();
        if best.as_ref().is_none_or(|(w, _)| wall < *w) {
            best = Some((wall, runs));
        }
    }
    let (wall_s, runs) = best.context("no repetition ran")?;
    Ok(Measurement {
        name: name.to_string(),
        wall_s,
        per_program_ms: runs.iter().map(|r| r.elapsed.as_secs_f64() * 1e3).collect(),
        steps: runs.iter().map(|r| r.steps).collect(),
    })
}

fn run_cpython(
    opts: &ExecBenchOptions,
    python: &Path,
    name: &str,
    mode: &str,
    workers: usize,
) -> anyhow::Result<Measurement> {
    let dir = tempfile::tempdir()?;
    let timings = dir.path().join("timings.json");
    let mut cmd = std::process::Command::new(python);
    cmd.arg(&opts.reference_script)
        .arg("--programs")
        .arg(&opts.programs);
    for c in &opts.challenges {
        cmd.arg("--challenges").arg(c);
    }
    cmd.arg("--out")
        .arg(dir.path().join("out.jsonl"))
        .args(["--mode", mode, "--workers", &workers.to_string()])
        .arg("--bench-json")
        .arg(&timings);
    let out = cmd
        .output()
        .with_context(|| format!("cannot run {}", python.display()))?;
    if !out.status.success() {
        anyhow::bail!(
            "{} failed: {}",
            opts.reference_script.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let t: ReferenceTimings = serde_json::from_slice(&std::fs::read(&timings)?)
        .context("cannot read the reference runner's timings")?;
    Ok(Measurement {
        name: name.to_string(),
        wall_s: t.wall_s,
        per_program_ms: t.per_program_ms,
        steps: Vec::new(),
    })
}

/// Step counting switched off process-wide while it lives (see `budget::set_counting`).
struct Uncounted;

impl Uncounted {
    fn start() -> Uncounted {
        budget::set_counting(false);
        Uncounted
    }
}

impl Drop for Uncounted {
    fn drop(&mut self) {
        budget::set_counting(true);
    }
}

/// All measurements of one `bench exec` invocation.
#[derive(Debug, Serialize, Deserialize)]
pub struct ExecBenchReport {
    /// Programs run.
    pub programs: usize,
    /// Per program (same order as the timings): whether it imports numpy or scipy.
    pub uses_numpy: Vec<bool>,
    /// Worker count of the parallel configurations.
    pub workers: usize,
    /// Embedded configurations, the default one first.
    pub embedded: Vec<Measurement>,
    /// CPython in-process, one process (when measured).
    pub cpython_inprocess: Option<Measurement>,
    /// CPython, one subprocess per program (when measured).
    pub cpython_subprocess: Option<Measurement>,
}

/// Runs every configuration.
pub fn run(opts: &ExecBenchOptions) -> anyhow::Result<ExecBenchReport> {
    let programs: Vec<CorpusProgram> = corpus::read_programs(&opts.programs)?;
    let mut tasks: Vec<Task> = Vec::new();
    for c in &opts.challenges {
        tasks.extend(crate::task::load_challenges(c)?);
    }
    let inputs = corpus::task_inputs(&tasks);
    let jobs = corpus::jobs(&programs, &inputs);
    let uses_numpy = jobs
        .iter()
        .map(|(code, _)| code.contains("numpy") || code.contains("scipy"))
        .collect();
    let workers = opts.workers.max(1);
    let threads = ExecConfig {
        workers,
        ..ExecConfig::default()
    };
    let processes = ExecConfig {
        process: Some(ProcessConfig {
            exe: opts.exe.clone(),
            memory_limit: 4096 << 20,
        }),
        ..threads.clone()
    };
    let mut embedded = Vec::new();
    let label = |what: &str| format!("embedded, {workers} {what}");
    embedded.push(run_embedded(
        &label("worker processes"),
        processes,
        &jobs,
        opts.repeat,
    )?);
    embedded.push(run_embedded(
        &label("threads"),
        threads.clone(),
        &jobs,
        opts.repeat,
    )?);
    {
        // With step counting switched off the interpreter's safe points only honour the wall-time
        // deadline: the run time without a budget, which the budget's cost is measured against.
        let _uncounted = Uncounted::start();
        embedded.push(run_embedded(
            &label("threads, no step budget"),
            ExecConfig {
                max_steps: budget::UNLIMITED,
                ..threads.clone()
            },
            &jobs,
            opts.repeat,
        )?);
    }
    embedded.push(run_embedded(
        "embedded, 1 thread",
        ExecConfig {
            workers: 1,
            ..threads
        },
        &jobs,
        opts.repeat,
    )?);
    let (mut cpython_inprocess, mut cpython_subprocess) = (None, None);
    if let Some(python) = &opts.python {
        cpython_inprocess = Some(run_cpython(
            opts,
            python,
            "CPython in-process, 1 process",
            "inprocess",
            1,
        )?);
        cpython_subprocess = Some(run_cpython(
            opts,
            python,
            &format!("CPython, subprocess per program, {workers} at a time"),
            "subprocess",
            workers,
        )?);
    }
    Ok(ExecBenchReport {
        programs: jobs.len(),
        uses_numpy,
        workers,
        embedded,
        cpython_inprocess,
        cpython_subprocess,
    })
}

fn ms(v: Option<f64>) -> String {
    v.map_or_else(|| "-".into(), |v| format!("{v:.2}"))
}

/// Mean per-program time over the programs CPython in-process runs fastest (below its median):
/// the short programs where interpreter start-up dominates a subprocess sandbox.
fn short_mean(m: &Measurement, baseline: &Measurement) -> Option<f64> {
    let median = quantile(&baseline.per_program_ms, 0.5)?;
    let picked: Vec<f64> = baseline
        .per_program_ms
        .iter()
        .zip(&m.per_program_ms)
        .filter(|(b, _)| **b <= median)
        .map(|(_, v)| *v)
        .collect();
    (!picked.is_empty()).then(|| picked.iter().sum::<f64>() / picked.len() as f64)
}

/// The report as a table, with ratios against the baselines.
pub fn render(report: &ExecBenchReport) -> String {
    let mut out = format!(
        "{} programs; throughput = programs per second of wall time; latency = one program on all its inputs\n\n",
        report.programs
    );
    out += &format!(
        "{:<52} {:>8} {:>10} {:>8} {:>8} {:>10} {:>10}\n",
        "configuration", "wall s", "progs/s", "p50 ms", "p99 ms", "× CPy-in", "× CPy-sub"
    );
    let all: Vec<&Measurement> = report
        .embedded
        .iter()
        .chain(&report.cpython_inprocess)
        .chain(&report.cpython_subprocess)
        .collect();
    let ratio = |m: &Measurement, base: &Option<Measurement>| {
        base.as_ref().map_or_else(
            || "-".into(),
            |b| format!("{:.2}", m.programs_per_s() / b.programs_per_s()),
        )
    };
    for m in &all {
        out += &format!(
            "{:<52} {:>8.2} {:>10.1} {:>8} {:>8} {:>10} {:>10}\n",
            m.name,
            m.wall_s,
            m.programs_per_s(),
            ms(quantile(&m.per_program_ms, 0.5)),
            ms(quantile(&m.per_program_ms, 0.99)),
            ratio(m, &report.cpython_inprocess),
            ratio(m, &report.cpython_subprocess),
        );
    }
    out += "\n(× columns: throughput relative to CPython in-process / CPython subprocess-per-program)\n";
    if let Some(first) = report.embedded.first() {
        let steps: Vec<f64> = first.steps.iter().map(|&s| s as f64).collect();
        out += &format!(
            "\nsteps per program: p50 {}, p99 {}, max {} (budget {})\n",
            quantile(&steps, 0.5).unwrap_or(0.0),
            quantile(&steps, 0.99).unwrap_or(0.0),
            steps.iter().cloned().fold(0.0, f64::max),
            crate::exec::DEFAULT_MAX_STEPS
        );
    }
    let find = |suffix: &str| report.embedded.iter().find(|m| m.name.ends_with(suffix));
    if let (Some(on), Some(off)) = (find("threads"), find("no step budget")) {
        out += &format!(
            "step budget cost: {:.3}× the wall time without it ({:.2} s vs {:.2} s)",
            on.wall_s / off.wall_s.max(1e-9),
            on.wall_s,
            off.wall_s
        );
        // Per group, from the per-program times (each summed over the group).
        for (label, numpy) in [("numpy/scipy", true), ("plain Python", false)] {
            let total = |m: &Measurement| -> f64 {
                m.per_program_ms
                    .iter()
                    .zip(&report.uses_numpy)
                    .filter(|(_, n)| **n == numpy)
                    .map(|(t, _)| t)
                    .sum()
            };
            out += &format!("; {label} {:.3}×", total(on) / total(off).max(1e-9));
        }
        out += "\n";
    }
    if let (Some(base), Some(single)) = (&report.cpython_inprocess, find("1 thread")) {
        for (label, numpy) in [
            ("numpy/scipy programs", true),
            ("plain-Python programs", false),
        ] {
            let total = |m: &Measurement| -> f64 {
                m.per_program_ms
                    .iter()
                    .zip(&report.uses_numpy)
                    .filter(|(_, n)| **n == numpy)
                    .map(|(t, _)| t)
                    .sum()
            };
            let count = report.uses_numpy.iter().filter(|n| **n == numpy).count();
            out += &format!(
                "{label} ({count}): one embedded thread {:.1} ms vs CPython in-process {:.1} ms in all = {:.2}× CPython's speed\n",
                total(single),
                total(base),
                total(base) / total(single).max(1e-9)
            );
        }
    }
    if let (Some(base), Some(sub)) = (&report.cpython_inprocess, &report.cpython_subprocess) {
        for m in &report.embedded {
            if let (Some(ours), Some(theirs)) = (short_mean(m, base), short_mean(sub, base)) {
                out += &format!(
                    "short programs (CPython in-process ≤ median): {} {:.2} ms vs subprocess {:.2} ms per program = {:.1}×\n",
                    m.name,
                    ours,
                    theirs,
                    theirs / ours.max(1e-9)
                );
            }
        }
    }
    out
}
