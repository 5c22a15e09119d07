//! `bench steps`: calibrates the step budget against CPython's time.
//!
//! A program CPython (with numpy) finishes on all its inputs within `--limit` seconds must not run
//! out of steps here. This runs every program once in one embedded interpreter with no step limit
//! and counts its steps, times the same programs under CPython (`scripts/cpython_times.py`, thread
//! CPU time, best of `--repeat`), and prints steps against CPython seconds in buckets, the budget
//! the data asks for (with a margin), how many programs the budget in force would stop, and how
//! many programs within the limit still take longer than the wall-time limit here. Any programs
//! JSONL works: the differential corpus, `tests/calibration/programs.jsonl` (timing programs that
//! run up to a second), or both.

use super::quantile;
use crate::exec::corpus::{self, CorpusProgram};
use crate::exec::vm::PythonVm;
use crate::exec::watchdog::{InterruptSlot, Watchdog};
use crate::exec::{budget, ExecConfig, ExecError};
use crate::task::{Grid, Task};
use anyhow::Context;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to measure.
pub struct StepsBenchOptions {
    /// Programs JSONL files (`{"id", "task_id", "code"}` lines).
    pub programs: Vec<PathBuf>,
    /// Challenges files the programs' tasks come from.
    pub challenges: Vec<PathBuf>,
    /// CPython with numpy and scipy.
    pub python: PathBuf,
    /// `scripts/cpython_times.py`.
    pub timer_script: PathBuf,
    /// CPython runs per program (the fastest counts).
    pub repeat: usize,
    /// CPython seconds within which a program must not run out of steps.
    pub limit_s: f64,
    /// Factor between the most steps such a program used and the budget recommended.
    pub margin: f64,
    /// The wall-time limit programs run under (checked against the time they take here).
    pub timeout: Duration,
    /// How long a program may run here while its steps are counted.
    pub measure_timeout: Duration,
    /// The step budget in force, to count the programs it would stop.
    pub budget: u64,
}

/// One program's measurements.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ProgramSteps {
    /// The programs file it came from.
    pub file: String,
    /// Its id there.
    pub id: serde_json::Value,
    /// Its task.
    pub task_id: String,
    /// CPython thread CPU time over all inputs, best of the repetitions, in ms.
    pub cpython_ms: f64,
    /// Steps used here over all inputs.
    pub steps: u64,
    /// Whether it ran to the end here (not stopped at the measuring time limit, in which case
    /// `steps` is a lower bound).
    pub complete: bool,
    /// Thread CPU time here, in ms.
    pub ours_cpu_ms: f64,
    /// Wall time here, in ms.
    pub ours_wall_ms: f64,
}

/// All measurements of one `bench steps` invocation.
#[derive(Debug, Serialize, Deserialize)]
pub struct StepsBenchReport {
    /// Per program, in file order.
    pub programs: Vec<ProgramSteps>,
    /// CPython seconds the budget must cover.
    pub limit_s: f64,
    /// Margin of the recommendation.
    pub margin: f64,
    /// Wall-time limit in seconds.
    pub timeout_s: f64,
    /// The budget in force.
    pub budget: u64,
    /// CPython repetitions per program.
    pub repeat: usize,
}

/// What `scripts/cpython_times.py` prints.
#[derive(Deserialize)]
struct CpythonTimes {
    per_program_cpu_ms: Vec<f64>,
}

/// Thread CPU time of the calling thread.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec, which `ts` is, and reads nothing else.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Steps and time here for each job, run one after another in one interpreter on its own thread.
fn run_embedded(
    jobs: Vec<(String, Arc<Vec<Grid>>)>,
    measure_timeout: Duration,
) -> anyhow::Result<Vec<(u64, bool, f64, f64)>> {
    let worker = std::thread::Builder::new()
        .name("bench-steps".into())
        .stack_size(crate::exec::WORKER_STACK)
        .spawn(move || -> anyhow::Result<Vec<(u64, bool, f64, f64)>> {
            let slot = Arc::new(InterruptSlot::default());
            let python = PythonVm::new(Arc::clone(&slot))?;
            let _watchdog = Watchdog::spawn(vec![slot])?;
            let config = ExecConfig {
                timeout: measure_timeout,
                workers: 1,
                max_steps: budget::UNLIMITED,
                process: None,
                ..ExecConfig::default()
            };
            let mut out = Vec::with_capacity(jobs.len());
            for (code, inputs) in &jobs {
                let (cpu, wall) = (thread_cpu(), Instant::now());
                let result = python.run(code, inputs, &config);
                let cpu_ms = (thread_cpu().saturating_sub(cpu)).as_secs_f64() * 1e3;
                let wall_ms = wall.elapsed().as_secs_f64() * 1e3;
                let complete = !result.outputs.contains(&Err(ExecError::Timeout));
                out.push((result.steps, complete, cpu_ms, wall_ms));
            }
            Ok(out)
        })?;
    worker
        .join()
        .map_err(|_| anyhow::anyhow!("the measuring thread panicked"))?
}

fn cpython_times(
    opts: &StepsBenchOptions,
    programs: &Path,
    expected: usize,
) -> anyhow::Result<Vec<f64>> {
    let mut cmd = std::process::Command::new(&opts.python);
    cmd.arg(&opts.timer_script).arg("--programs").arg(programs);
    for c in &opts.challenges {
        cmd.arg("--challenges").arg(c);
    }
    cmd.args(["--repeat", &opts.repeat.max(1).to_string()])
        .args(["--timeout", &opts.measure_timeout.as_secs_f64().to_string()]);
    let out = cmd
        .output()
        .with_context(|| format!("cannot run {}", opts.python.display()))?;
    if !out.status.success() {
        anyhow::bail!(
            "{} failed: {}",
            opts.timer_script.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let times: CpythonTimes = serde_json::from_slice(&out.stdout)
        .with_context(|| format!("{}: unreadable output", opts.timer_script.display()))?;
    if times.per_program_cpu_ms.len() != expected {
        anyhow::bail!(
            "{}: timed {} programs of {}, expected {expected}",
            opts.timer_script.display(),
            times.per_program_cpu_ms.len(),
            programs.display()
        );
    }
    Ok(times.per_program_cpu_ms)
}

/// Runs every program here and under CPython.
pub fn run(opts: &StepsBenchOptions) -> anyhow::Result<StepsBenchReport> {
    let mut tasks: Vec<Task> = Vec::new();
    for c in &opts.challenges {
        tasks.extend(crate::task::load_challenges(c)?);
    }
    let inputs = corpus::task_inputs(&tasks);
    let mut programs = Vec::new();
    for file in &opts.programs {
        let all: Vec<CorpusProgram> = corpus::read_programs(file)?;
        let known: Vec<&CorpusProgram> = all
            .iter()
            .filter(|p| inputs.contains_key(p.task_id.as_str()))
            .collect();
        let jobs = known
            .iter()
            .map(|p| (p.code.clone(), Arc::clone(&inputs[p.task_id.as_str()])))
            .collect();
        let ours = run_embedded(jobs, opts.measure_timeout)?;
        let cpython = cpython_times(opts, file, known.len())?;
        for ((p, (steps, complete, cpu, wall)), cpython_ms) in known.iter().zip(ours).zip(cpython) {
            programs.push(ProgramSteps {
                file: file.display().to_string(),
                id: p.id.clone(),
                task_id: p.task_id.clone(),
                cpython_ms,
                steps,
                complete,
                ours_cpu_ms: cpu,
                ours_wall_ms: wall,
            });
        }
    }
    Ok(StepsBenchReport {
        programs,
        limit_s: opts.limit_s,
        margin: opts.margin,
        timeout_s: opts.timeout.as_secs_f64(),
        budget: opts.budget,
        repeat: opts.repeat.max(1),
    })
}

/// Upper edges of the CPython-seconds buckets of the table (the last bucket is open).
const BUCKETS: [f64; 9] = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0];

/// `x` rounded up to two significant digits.
fn round_up_2(x: f64) -> u64 {
    if x <= 0.0 {
        return 0;
    }
    let scale = 10f64.powi(x.log10().floor() as i32 - 1);
    ((x / scale).ceil() * scale) as u64
}

fn id_text(p: &ProgramSteps) -> String {
    match &p.id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The budget the data asks for: the most steps a program within the limit used, and the most
/// steps per CPython second (programs of at least 10 ms, where timing is reliable) over the limit,
/// whichever is larger, times the margin, rounded up to two significant digits.
pub fn recommended_budget(report: &StepsBenchReport) -> Option<u64> {
    let within: Vec<&ProgramSteps> = report
        .programs
        .iter()
        .filter(|p| p.cpython_ms <= report.limit_s * 1e3)
        .collect();
    let most = within.iter().map(|p| p.steps).max()? as f64;
    let rate = report
        .programs
        .iter()
        .filter(|p| p.cpython_ms >= 10.0 && p.complete)
        .map(|p| p.steps as f64 / (p.cpython_ms / 1e3))
        .fold(0.0, f64::max);
    Some(round_up_2(most.max(rate * report.limit_s) * report.margin))
}

/// The report as tables.
pub fn render(report: &StepsBenchReport) -> String {
    let ps = &report.programs;
    let mut out = format!(
        "{} programs; CPython = thread CPU time over all inputs, best of {}; steps counted with no step limit (+: stopped by the measuring time limit, a lower bound)\n\n",
        ps.len(),
        report.repeat
    );
    out += &format!(
        "{:<16} {:>8} {:>11} {:>11} {:>11} {:>14} {:>12} {:>10}\n",
        "CPython s",
        "programs",
        "p50 steps",
        "p99 steps",
        "max steps",
        "steps/CPy s",
        "× CPy (p50)",
        format!("> {:.1} s", report.timeout_s)
    );
    let mut lower = 0.0;
    for upper in BUCKETS.iter().copied().chain([f64::INFINITY]) {
        let rows: Vec<&ProgramSteps> = ps
            .iter()
            .filter(|p| p.cpython_ms / 1e3 >= lower && p.cpython_ms / 1e3 < upper)
            .collect();
        let label = if upper.is_finite() {
            format!("[{lower}, {upper})")
        } else {
            format!("≥ {lower}")
        };
        lower = upper;
        if rows.is_empty() {
            continue;
        }
        let steps: Vec<f64> = rows.iter().map(|p| p.steps as f64).collect();
        let max = rows.iter().max_by_key(|p| p.steps).map_or(0, |p| p.steps);
        let plus = if rows.iter().any(|p| !p.complete) {
            "+"
        } else {
            ""
        };
        let rate = rows
            .iter()
            .filter(|p| p.cpython_ms > 0.0)
            .map(|p| p.steps as f64 / (p.cpython_ms / 1e3))
            .fold(0.0, f64::max);
        let ratios: Vec<f64> = rows
            .iter()
            .filter(|p| p.cpython_ms > 0.0)
            .map(|p| p.ours_cpu_ms / p.cpython_ms)
            .collect();
        let over = rows
            .iter()
            .filter(|p| p.ours_cpu_ms / 1e3 > report.timeout_s)
            .count();
        out += &format!(
            "{:<16} {:>8} {:>11.0} {:>11.0} {:>11} {:>14.3e} {:>12.1} {:>10}\n",
            label,
            rows.len(),
            quantile(&steps, 0.5).unwrap_or(0.0),
            quantile(&steps, 0.99).unwrap_or(0.0),
            format!("{max}{plus}"),
            rate,
            quantile(&ratios, 0.5).unwrap_or(0.0),
            over
        );
    }
    out += &format!(
        "\n(steps/CPy s: the most steps per CPython second in the bucket; × CPy: CPU time here / CPython's; > {:.1} s: programs whose CPU time here exceeds the wall-time limit)\n",
        report.timeout_s
    );
    let limit_ms = report.limit_s * 1e3;
    let within: Vec<&ProgramSteps> = ps.iter().filter(|p| p.cpython_ms <= limit_ms).collect();
    out += &format!(
        "\nprograms CPython finishes within {} s: {}\n",
        report.limit_s,
        within.len()
    );
    if let Some(top) = within.iter().max_by_key(|p| p.steps) {
        out += &format!(
            "most steps among them: {} ({}, {:.1} ms in CPython)\n",
            top.steps,
            id_text(top),
            top.cpython_ms
        );
    }
    if let Some(rate_top) = ps
        .iter()
        .filter(|p| p.cpython_ms >= 10.0 && p.complete)
        .max_by(|a, b| (a.steps as f64 / a.cpython_ms).total_cmp(&(b.steps as f64 / b.cpython_ms)))
    {
        out += &format!(
            "most steps per CPython second (programs ≥ 10 ms): {:.3e} ({}) → {:.0} steps in {} s\n",
            rate_top.steps as f64 / (rate_top.cpython_ms / 1e3),
            id_text(rate_top),
            rate_top.steps as f64 / (rate_top.cpython_ms / 1e3) * report.limit_s,
            report.limit_s
        );
    }
    if let Some(b) = recommended_budget(report) {
        out += &format!("recommended budget (× {} margin): {b}\n", report.margin);
    }
    let stopped: Vec<String> = within
        .iter()
        .filter(|p| p.steps > report.budget)
        .map(|p| id_text(p))
        .collect();
    out += &format!(
        "budget in force {}: stops {} of them{}\n",
        report.budget,
        stopped.len(),
        list(&stopped)
    );
    let slow: Vec<String> = within
        .iter()
        .filter(|p| p.ours_cpu_ms / 1e3 > report.timeout_s)
        .map(|p| format!("{} ({:.2} s)", id_text(p), p.ours_cpu_ms / 1e3))
        .collect();
    out += &format!(
        "wall-time limit {} s: {} of them take longer here (CPU time){}\n",
        report.timeout_s,
        slow.len(),
        list(&slow)
    );
    out
}

fn list(items: &[String]) -> String {
    const SHOWN: usize = 12;
    if items.is_empty() {
        return String::new();
    }
    let more = items.len().saturating_sub(SHOWN);
    let mut s = format!(": {}", items[..items.len().min(SHOWN)].join(", "));
    if more > 0 {
        s += &format!(", … {more} more");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program(cpython_ms: f64, steps: u64) -> ProgramSteps {
        ProgramSteps {
            file: "p.jsonl".into(),
            id: serde_json::json!(format!("p{steps}")),
            task_id: "t".into(),
            cpython_ms,
            steps,
            complete: true,
            ours_cpu_ms: cpython_ms * 4.0,
            ours_wall_ms: cpython_ms * 4.0,
        }
    }

    #[test]
    fn the_recommendation_covers_the_most_steps_and_the_fastest_rate() {
        let mut report = StepsBenchReport {
            programs: vec![program(1.0, 50_000), program(400.0, 3_000_000)],
            limit_s: 0.5,
            margin: 2.0,
            timeout_s: 2.0,
            budget: 2_000_000,
            repeat: 1,
        };
        // 3e6 steps within the limit, at 7.5e6 steps/s: 3.75e6 in 0.5 s, × 2.
        assert_eq!(recommended_budget(&report), Some(7_500_000));
        // A program past the limit still tells the rate.
        report.programs.push(program(1000.0, 20_000_000));
        assert_eq!(recommended_budget(&report), Some(20_000_000));
        let text = render(&report);
        assert!(text.contains("stops 1 of them: p3000000"), "{text}");
        assert!(text.contains("[0.25, 0.5)"), "{text}");
    }

    #[test]
    fn rounding_up_to_two_digits() {
        assert_eq!(round_up_2(7_412_000.0), 7_500_000);
        assert_eq!(round_up_2(99.0), 99);
        assert_eq!(round_up_2(101.0), 110);
    }
}
