//! `arc-solver bench export`: export, report and subset on a generated store of many attempts,
//! with rows/s and peak memory per step, against a plain scan of the same rows in the same process.
//!
//! The store is written by the real writer ([`crate::store::ProgramStore::record_unit`]) from
//! generated tasks and attempts: right programs, wrong ones (hindsight material), identities,
//! failures and, after the first run, refinements with lineage. Peak memory is the process's
//! high-water mark (`VmHWM`), reset before each step through `/proc/self/clear_refs`.

use super::select::{Filter, SelectOptions};
use super::subset::{self, SubsetRule};
use super::tasks::TaskOverride;
use super::write::Format;
use super::{export, ExportError, ExportOptions, Kind};
use crate::generate::Completion;
use crate::score::{Attempt, Category};
use crate::store::{ProgramStore, RunInfo};
use crate::task::{Grid, Task, TrainPair};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to generate and where.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    /// The store (generated when missing or of another shape).
    pub db: PathBuf,
    /// Attempts in all.
    pub attempts: usize,
    /// Tasks.
    pub tasks: usize,
    /// Runs.
    pub runs: usize,
    /// Output directory.
    pub out: PathBuf,
}

/// One measured step.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    /// What ran.
    pub what: String,
    /// Attempts read.
    pub rows: u64,
    /// Examples (or tasks) written.
    pub written: u64,
    /// Wall seconds.
    pub seconds: f64,
    /// CPU seconds of this process (user + system): the machine may be shared.
    pub cpu_seconds: f64,
    /// Attempts per CPU second.
    pub rows_per_second: f64,
    /// CPU seconds relative to the plain scan of the same rows.
    pub vs_scan: f64,
    /// Peak resident memory during the step, MiB.
    pub peak_mib: f64,
    /// Bytes written.
    pub bytes: u64,
}

/// The measurements.
#[derive(Clone, Debug, Serialize)]
pub struct BenchReport {
    /// Store path.
    pub db: PathBuf,
    /// Store size in bytes.
    pub db_bytes: u64,
    /// Attempts, tasks and runs in it.
    pub attempts: usize,
    /// Tasks.
    pub tasks: usize,
    /// Runs.
    pub runs: usize,
    /// Seconds spent generating it (0 when reused).
    pub generate_seconds: f64,
    /// Whether peak memory was reset before each step (else it is the process high-water mark).
    pub peak_reset: bool,
    /// Resident memory before the steps, MiB.
    pub baseline_rss_mib: f64,
    /// The steps.
    pub steps: Vec<Step>,
}

fn status_kib(field: &str) -> Option<f64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak-RSS mark; false where the kernel does not allow it.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// User + system CPU seconds of this process so far.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return 0.0;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

fn peak_mib() -> f64 {
    status_kib("VmHWM:").unwrap_or(0.0) / 1024.0
}

fn random_grid(rng: &mut StdRng) -> Grid {
    let (w, h) = (rng.gen_range(3..=8), rng.gen_range(3..=8));
    Grid(
        (0..h)
            .map(|_| (0..w).map(|_| rng.gen_range(0..10)).collect())
            .collect(),
    )
}

/// The rule of every generated task: add 1 to each colour (mod 10).
fn add_one(g: &Grid) -> Grid {
    Grid(
        g.rows()
            .iter()
            .map(|r| r.iter().map(|v| (v + 1) % 10).collect())
            .collect(),
    )
}

fn add_k(g: &Grid, k: u8) -> Grid {
    Grid(
        g.rows()
            .iter()
            .map(|r| r.iter().map(|v| (v + k) % 10).collect())
            .collect(),
    )
}

/// Generated tasks (rule: add one), with solutions.
fn make_tasks(n: usize, rng: &mut StdRng) -> Vec<Task> {
    (0..n)
        .map(|i| {
            let train = (0..3)
                .map(|_| {
                    let input = random_grid(rng);
                    TrainPair {
                        output: add_one(&input),
                        input,
                    }
                })
                .collect();
            let test = vec![random_grid(rng)];
            let solutions = Some(test.iter().map(add_one).collect());
            Task {
                id: format!("b{i:07x}"),
                train,
                test,
                solutions,
            }
        })
        .collect()
}

fn write_tasks(dir: &Path, tasks: &[Task]) -> anyhow::Result<()> {
    let mut challenges = serde_json::Map::new();
    let mut solutions = serde_json::Map::new();
    for t in tasks {
        challenges.insert(
            t.id.clone(),
            serde_json::json!({
                "train": t.train.iter().map(|p| serde_json::json!({"input": p.input, "output": p.output})).collect::<Vec<_>>(),
                "test": t.test.iter().map(|g| serde_json::json!({"input": g})).collect::<Vec<_>>(),
            }),
        );
        solutions.insert(t.id.clone(), serde_json::json!(t.solutions));
    }
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join("arc-agi_evaluation_challenges.json"),
        serde_json::Value::Object(challenges).to_string(),
    )?;
    std::fs::write(
        dir.join("arc-agi_evaluation_solutions.json"),
        serde_json::Value::Object(solutions).to_string(),
    )?;
    Ok(())
}

/// One generated attempt: program `k` adds `k` to every colour (right when k = 1), `None` for a
/// failure, `Some(0)` is the identity.
fn attempt(task: &Task, index: usize, k: Option<u8>, variant: usize) -> Attempt {
    let code = match k {
        Some(k) => format!(
            "def transform(grid):\n    # variant {variant}\n    return [[(v + {k}) % 10 for v in row] for row in grid]\n"
        ),
        None => format!("def transform(grid):\n    return grid[{variant}][99]\n"),
    };
    let outputs: Vec<Option<Grid>> = task
        .all_inputs()
        .iter()
        .map(|g| k.map(|k| add_k(g, k)))
        .collect();
    let n_train = task.train.len();
    let train_outputs = outputs[..n_train].to_vec();
    let predictions = outputs[n_train..].to_vec();
    let train_correct: Vec<bool> = task
        .train
        .iter()
        .zip(&train_outputs)
        .map(|(p, o)| o.as_ref() == Some(&p.output))
        .collect();
    let test_correct = task.solutions.as_ref().map(|s| {
        s.iter()
            .zip(&predictions)
            .map(|(s, p)| p.as_ref() == Some(s))
            .collect()
    });
    let failed = k.is_none();
    Attempt {
        task_id: task.id.clone(),
        index,
        label: None,
        completion: Completion::text(format!("```python\n{code}```")),
        train_pixel_accuracy: train_correct
            .iter()
            .map(|c| f64::from(u8::from(*c)))
            .collect(),
        code: Some(code),
        train_correct,
        train_outputs,
        test_predictions: predictions,
        test_correct,
        errors: vec![
            failed.then(|| crate::exec::ExecError::Exception {
                name: "IndexError".into(),
                message: "list index out of range".into(),
            });
            n_train + task.test.len()
        ],
        category: if failed {
            Category::ExecError
        } else {
            Category::Ok
        },
        transduction: 0.0,
        exec_seconds: 0.001,
        parent: None,
        depth: 0,
    }
}

/// The attempts of one task in one run: in later runs, a third are refinements of an earlier
/// attempt of the same run (better: they add one more).
fn task_attempts(task: &Task, n: usize, run: usize, rng: &mut StdRng) -> Vec<Attempt> {
    let mut out: Vec<Attempt> = Vec::with_capacity(n);
    for i in 0..n {
        let roll: f64 = rng.gen();
        let variant = rng.gen_range(0..40);
        let a = if run > 0 && i > 0 && roll < 0.33 {
            let p = rng.gen_range(0..i);
            let parent = &out[p];
            let mut child = attempt(task, i, Some(1), variant);
            child.parent = parent.source_hash();
            child.depth = parent.depth + 1;
            child
        } else if roll < 0.05 {
            attempt(task, i, Some(1), variant)
        } else if roll < 0.15 {
            attempt(task, i, Some(0), variant)
        } else if roll < 0.40 {
            attempt(task, i, None, variant)
        } else {
            attempt(task, i, Some(rng.gen_range(2..10)), variant)
        };
        out.push(a);
    }
    out
}

fn generate(opts: &BenchOptions) -> anyhow::Result<f64> {
    let start = Instant::now();
    if opts.db.exists() {
        std::fs::remove_file(&opts.db)?;
        for ext in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", opts.db.display()));
        }
    }
    let dir = opts
        .db
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let data = dir.join("data");
    let mut rng = StdRng::seed_from_u64(16);
    let tasks = make_tasks(opts.tasks, &mut rng);
    write_tasks(&data, &tasks)?;
    let mut store = ProgramStore::open(&opts.db)?;
    let per_task = (opts.attempts / (opts.tasks * opts.runs)).max(1);
    for r in 0..opts.runs {
        let info = RunInfo {
            run_id: format!("bench-{r:02}"),
            group_id: "bench".into(),
            repeat_index: r,
            started_at: format!("2026-01-01T00:{r:02}:00Z"),
            backend: "bench".into(),
            model: "generated".into(),
            prompt_version: crate::prompt::DEFAULT_PROMPT_VERSION.into(),
            split: "evaluation".into(),
            data_root: data.display().to_string(),
            config: serde_json::json!({"bench": {"attempts": opts.attempts, "tasks": opts.tasks, "runs": opts.runs}}),
        };
        store.begin_run(&info)?;
        for t in &tasks {
            let attempts = task_attempts(t, per_task, r, &mut rng);
            store.record_unit(
                &info,
                &t.id,
                &attempts,
                &crate::store::TaskProgress {
                    attempts: attempts.len(),
                    closed: None,
                },
            )?;
        }
    }
    Ok(start.elapsed().as_secs_f64())
}

/// Whether the store at `db` was generated with this shape.
fn has_shape(opts: &BenchOptions) -> bool {
    let Ok(source) = super::source::StoreSource::open(
        std::slice::from_ref(&opts.db),
        super::source::RunChoice::All,
    ) else {
        return false;
    };
    source.runs().len() == opts.runs
        && source.runs()[0].info.config["bench"]
            == serde_json::json!({"attempts": opts.attempts, "tasks": opts.tasks, "runs": opts.runs})
        && Path::new(&source.runs()[0].info.data_root).is_dir()
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// Generates the store when needed, then measures each step.
pub fn run(opts: &BenchOptions) -> anyhow::Result<BenchReport> {
    if opts.tasks == 0 || opts.runs == 0 || opts.attempts < opts.tasks * opts.runs {
        anyhow::bail!("bench export needs --tasks and --runs ≥ 1 and --attempts ≥ tasks × runs");
    }
    let generate_seconds = if has_shape(opts) {
        0.0
    } else {
        generate(opts)?
    };
    let peak_reset = reset_peak();
    let baseline_rss_mib = status_kib("VmRSS:").unwrap_or(0.0) / 1024.0;
    let first = vec!["bench-00".to_string()];
    let dbs = vec![opts.db.clone()];
    let mut steps = Vec::new();
    let mut scan_seconds = [0.0f64; 2];
    let measure = |what: String,
                   f: &mut dyn FnMut() -> Result<(u64, u64, u64), ExportError>,
                   scan: f64|
     -> anyhow::Result<Step> {
        reset_peak();
        let start = Instant::now();
        let cpu_start = cpu_seconds();
        let (rows, written, bytes) = f()?;
        let seconds = start.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu_start;
        Ok(Step {
            what,
            rows,
            written,
            seconds,
            cpu_seconds: cpu,
            rows_per_second: rows as f64 / cpu.max(1e-9),
            vs_scan: if scan > 0.0 { cpu / scan } else { 1.0 },
            peak_mib: peak_mib(),
            bytes,
        })
    };
    for (i, runs) in [first.clone(), Vec::new()].iter().enumerate() {
        let choice = if runs.is_empty() {
            super::source::RunChoice::All
        } else {
            super::source::RunChoice::Ids(runs)
        };
        let step = measure(
            format!(
                "scan ({})",
                if runs.is_empty() { "all runs" } else { "1 run" }
            ),
            &mut || {
                let n = super::source::StoreSource::open(&dbs, choice)?.scan_count()?;
                Ok((n, 0, 0))
            },
            0.0,
        )?;
        scan_seconds[i] = step.cpu_seconds;
        steps.push(step);
    }
    let exports: [(Kind, Format, bool); 5] = [
        (Kind::Solutions, Format::Jsonl, true),
        (Kind::Hindsight, Format::Jsonl, true),
        (Kind::Hindsight, Format::Jsonl, false),
        (Kind::Hindsight, Format::Parquet, false),
        (Kind::Grids, Format::Parquet, false),
    ];
    for (kind, format, one_run) in exports {
        let out = opts.out.join(format!(
            "{}-{}-{}",
            kind.as_str(),
            format.extension(),
            if one_run { "1run" } else { "all" }
        ));
        let export_opts = ExportOptions {
            dbs: dbs.clone(),
            runs: if one_run { first.clone() } else { Vec::new() },
            kind,
            format,
            out: out.clone(),
            select: SelectOptions {
                filter: Filter::Greedy,
                max_per_task: 50,
                max_transduction: 0.5,
            },
            val_fraction: 0.1,
            prompt_version: crate::prompt::DEFAULT_PROMPT_VERSION.into(),
            tasks: TaskOverride::default(),
        };
        let step = measure(
            format!(
                "export {} {} ({})",
                kind.as_str(),
                format.extension(),
                if one_run { "1 run" } else { "all runs" }
            ),
            &mut || {
                let info = export(&export_opts)?;
                Ok((
                    info.attempts_read,
                    info.train.examples + info.validation.examples,
                    dir_bytes(&out),
                ))
            },
            scan_seconds[usize::from(!one_run)],
        )?;
        steps.push(step);
    }
    let report_path = opts.out.join("report.html");
    let step = measure(
        "report (1 run)".into(),
        &mut || {
            let mut o = crate::html_report::ReportOptions::new(
                &opts.db,
                Some(first[0].clone()),
                &report_path,
            );
            o.open_tasks = 3;
            let s = crate::html_report::write_report(&o)?;
            Ok((s.attempts as u64, s.tasks as u64, s.bytes as u64))
        },
        scan_seconds[0],
    )?;
    steps.push(step);
    let subset_path = opts.out.join("unsolved.txt");
    let step = measure(
        "subset --unsolved (1 run)".into(),
        &mut || {
            let s = subset::pick(&dbs, Some(&first[0]), SubsetRule::Unsolved)?;
            subset::write(&subset_path, &s, SubsetRule::Unsolved)?;
            Ok((s.attempts_read as u64, s.ids.len() as u64, 0))
        },
        scan_seconds[0],
    )?;
    steps.push(step);
    Ok(BenchReport {
        db_bytes: std::fs::metadata(&opts.db).map_or(0, |m| m.len()),
        db: opts.db.clone(),
        attempts: opts.attempts,
        tasks: opts.tasks,
        runs: opts.runs,
        generate_seconds,
        peak_reset,
        baseline_rss_mib,
        steps,
    })
}

/// The table.
pub fn render(r: &BenchReport) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "store {}: {} attempts, {} tasks, {} runs, {:.1} MiB{}",
        r.db.display(),
        r.attempts,
        r.tasks,
        r.runs,
        r.db_bytes as f64 / (1 << 20) as f64,
        if r.generate_seconds > 0.0 {
            format!(" (generated in {:.1} s)", r.generate_seconds)
        } else {
            " (reused)".into()
        }
    );
    let _ = writeln!(
        s,
        "peak memory per step{}; resident before the steps {:.1} MiB",
        if r.peak_reset {
            " (high-water mark reset before each)"
        } else {
            " (process high-water mark: could not reset)"
        },
        r.baseline_rss_mib
    );
    let _ = writeln!(
        s,
        "{:<34} {:>9} {:>9} {:>8} {:>8} {:>11} {:>8} {:>9} {:>10}",
        "step", "rows", "written", "wall s", "cpu s", "rows/cpu-s", "× scan", "peak MiB", "MiB out"
    );
    for st in &r.steps {
        let _ = writeln!(
            s,
            "{:<34} {:>9} {:>9} {:>8.2} {:>8.2} {:>11.0} {:>8.2} {:>9.1} {:>10.1}",
            st.what,
            st.rows,
            st.written,
            st.seconds,
            st.cpu_seconds,
            st.rows_per_second,
            st.vs_scan,
            st.peak_mib,
            st.bytes as f64 / (1 << 20) as f64
        );
    }
    s
}
