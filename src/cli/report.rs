//! Terminal output: progress bar, per-task lines, health lines, metric tables, coloured grids.

use crate::metrics::{RunMetrics, Spread, TaskResult};
use crate::score::{Attempt, Category};
use crate::solve::{RunObserver, RunOutcome};
use crate::store::RunInfo;
use crate::task::Grid;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

/// A health line is printed every this many attempts.
const HEALTH_EVERY: usize = 100;

/// Draws a run's progress on stderr.
pub struct Reporter {
    bar: Option<ProgressBar>,
    quiet: bool,
    start: Instant,
    attempts: usize,
    next_health: usize,
    solved: usize,
    category_counts: [usize; Category::ALL.len()],
    exec_seconds: f64,
}

impl Reporter {
    /// A reporter for `total` tasks; `quiet` prints nothing while running.
    pub fn new(total: usize, quiet: bool, info: &RunInfo) -> Reporter {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:30} {pos}/{len} tasks  {msg}  [{elapsed_precise}<{eta}]",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        if !quiet {
            eprintln!(
                "run {}: {} tasks, backend {}, model {}, prompt {}",
                info.run_id, total, info.backend, info.model, info.prompt_version
            );
        }
        Reporter {
            bar,
            quiet,
            start: Instant::now(),
            attempts: 0,
            next_health: HEALTH_EVERY,
            solved: 0,
            category_counts: [0; Category::ALL.len()],
            exec_seconds: 0.0,
        }
    }

    fn line(&self, text: &str) {
        if self.quiet {
            return;
        }
        match &self.bar {
            Some(bar) => bar.println(text),
            None => eprintln!("{text}"),
        }
    }

    fn rate(&self, cat: Category) -> f64 {
        let i = Category::ALL.iter().position(|c| *c == cat).unwrap_or(0);
        100.0 * self.category_counts[i] as f64 / self.attempts.max(1) as f64
    }

    /// Clears the progress bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl RunObserver for Reporter {
    fn task_finished(&mut self, result: &TaskResult, new: &[Attempt], done: usize, _total: usize) {
        self.attempts += new.len();
        for a in new {
            if let Some(i) = Category::ALL.iter().position(|c| *c == a.category) {
                self.category_counts[i] += 1;
            }
            self.exec_seconds += a.exec_seconds;
        }
        let n_test = result.weighted.len();
        let correct = result.test_correct();
        if result.solutions.is_some() && correct == n_test {
            self.solved += 1;
        }
        let perfect = result.summary.train_perfect;
        let partial = result.summary.train_partial;
        let test = if result.solutions.is_some() {
            format!("test {correct}/{n_test}")
        } else {
            format!("test ?/{n_test}")
        };
        let refined = match result.summary.refinements {
            0 => String::new(),
            n => format!("  refinements {n:>4}"),
        };
        let stopped = match result.summary.saved_by_early_stop {
            Some(saved) => format!("  stopped early ({saved} saved)"),
            None => String::new(),
        };
        self.line(&format!(
            "{:<10} {test:<9} train-perfect {perfect:>3}  train-partial {partial:>3}  attempts {:>4}{refined}{stopped}",
            result.task_id,
            result.summary.attempts
        ));
        while self.attempts >= self.next_health {
            self.next_health += HEALTH_EVERY;
            self.line(&format!(
                "health: {} attempts  ok {:.1}%  timeout {:.1}%  exec-error {:.1}%  mean exec {:.1} ms",
                self.attempts,
                self.rate(Category::Ok),
                self.rate(Category::Timeout),
                self.rate(Category::ExecError),
                1000.0 * self.exec_seconds / self.attempts.max(1) as f64
            ));
        }
        if let Some(bar) = &self.bar {
            let per_sec = self.attempts as f64 / self.start.elapsed().as_secs_f64().max(1e-9);
            bar.set_position(done as u64);
            bar.set_message(format!("solved {}  {:.1} attempts/s", self.solved, per_sec));
        }
    }
}

/// The JSON written to `runs/<run-id>/summary.json`.
pub fn run_summary(info: &RunInfo, outcome: &RunOutcome) -> serde_json::Value {
    let tasks: Vec<serde_json::Value> = outcome
        .results
        .iter()
        .map(|r| {
            serde_json::json!({
                "task_id": r.task_id,
                "attempts": r.summary.attempts,
                "refinements": r.summary.refinements,
                "refinements_beat_parent": r.summary.beat_parent,
                "first_train_perfect_depth": r.summary.first_train_perfect_depth,
                "winner_depth": r.winner_depth(),
                "saved_by_early_stop": r.summary.saved_by_early_stop,
                "test_correct": r.solutions.as_ref().map(|_| r.test_correct()),
                "test_inputs": r.weighted.len(),
                "pass2_weighted": r.pass2(&r.weighted),
                "pass2_train_majority": r.pass2(&r.train_majority),
                "oracle": r.oracle(),
                "train_perfect": r.summary.train_perfect,
            })
        })
        .collect();
    let s = &outcome.search;
    let per_refinement = |x: f64, n: usize| (n > 0).then(|| x / n as f64);
    serde_json::json!({
        "run": info,
        "metrics": outcome.metrics,
        "search": {
            "units": s.units,
            "refine_requests": s.refine_requests,
            "refinements": s.refinements,
            "refine_prompt_seconds": s.refine_prompt_seconds,
            "refine_prompt_seconds_per_request": per_refinement(s.refine_prompt_seconds, s.refine_requests),
            "refine_exec_seconds": s.refine_exec_seconds,
            "refine_exec_seconds_per_refinement": per_refinement(s.refine_exec_seconds, s.refinements),
        },
        "tasks": tasks,
    })
}

/// Adds what the backend counted (HTTP calls, retries, failures) and the cost to a run summary.
pub fn add_backend_details(
    summary: &mut serde_json::Value,
    backend_stats: Option<serde_json::Value>,
    cost: Option<&crate::cost::RunCost>,
) {
    if let Some(obj) = summary.as_object_mut() {
        if let Some(stats) = backend_stats {
            obj.insert("backend_stats".into(), stats);
        }
        if let Some(cost) = cost {
            obj.insert("cost".into(), serde_json::json!(cost));
        }
    }
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

/// Prints a run's metrics table on stdout.
pub fn print_metrics(info: &RunInfo, m: &RunMetrics, submission: &Path, summary: &Path) {
    println!(
        "run {}  ({} tasks, {} scored)",
        info.run_id, m.tasks, m.tasks_scored
    );
    let opt = |x: Option<f64>| x.map_or_else(|| "n/a (no solutions)".to_string(), pct);
    let rows = [
        ("pass@2 (weighted)", opt(m.pass2_weighted)),
        ("pass@2 (train-majority)", opt(m.pass2_train_majority)),
        ("oracle", opt(m.oracle)),
        ("all-train-correct", pct(m.all_train_correct)),
        (
            "winner mean depth",
            m.winner_mean_depth
                .map_or_else(|| "-".into(), |d| format!("{d:.2}")),
        ),
        ("min-1-train-correct", pct(m.min1_train_correct)),
        ("attempts", m.attempts.to_string()),
        ("ok", pct(m.ok_rate)),
        ("exec-error", pct(m.exec_error_rate)),
        ("timeout", pct(m.timeout_rate)),
        ("invalid-output", pct(m.invalid_output_rate)),
        ("no-code", pct(m.no_code_rate)),
        ("max-length", pct(m.max_length_rate)),
        ("api-failure", pct(m.api_failure_rate)),
        (
            "tokens (prompt/completion)",
            format!("{}/{}", m.prompt_tokens, m.completion_tokens),
        ),
        ("wall time", format!("{:.1} s", m.wall_seconds)),
    ];
    for (k, v) in rows {
        println!("  {k:<28} {v}");
    }
    if m.refinements > 0 {
        let count =
            |x: Option<usize>| x.map_or_else(|| "n/a (no solutions)".into(), |n| n.to_string());
        for (k, v) in [
            ("pass@2 (sampling only)", opt(m.pass2_weighted_sampling)),
            ("oracle (sampling only)", opt(m.oracle_sampling)),
            ("refinements", m.refinements.to_string()),
            ("refinements beating parent", opt(m.refinements_beat_parent)),
            (
                "first train-perfect by refinement",
                format!("{} tasks", m.tasks_first_train_perfect_by_refinement),
            ),
            (
                "first solved by refinement",
                count(m.tasks_first_solved_by_refinement),
            ),
        ] {
            println!("  {k:<28} {v}");
        }
    }
    if m.tasks_stopped_early > 0 {
        println!(
            "  {:<28} {} tasks, {} attempts saved",
            "stopped early", m.tasks_stopped_early, m.attempts_saved
        );
    }
    if let Some(usd) = m.cost_usd {
        println!("  {:<28} ${usd:.4}", "cost");
    }
    if !m.missing_features.is_empty() {
        println!(
            "  {:<28} {}",
            "missing numpy/scipy",
            missing_list(&m.missing_features)
        );
    }
    println!("  {:<28} {}", "submission", submission.display());
    println!("  {:<28} {}", "summary", summary.display());
}

/// The most needed missing features as `name ×count, ...` (attempts or programs per name).
pub fn missing_list(counts: &std::collections::BTreeMap<String, usize>) -> String {
    let top = crate::exec::gaps::top(counts, 10);
    let mut text: Vec<String> = top.iter().map(|(n, c)| format!("{n} ×{c}")).collect();
    if counts.len() > top.len() {
        text.push(format!("+{} more", counts.len() - top.len()));
    }
    text.join(", ")
}

/// Prints mean ± std and the 95 % CI per metric over repeated runs.
pub fn print_spread(spreads: &[Spread]) {
    println!("over {} runs:", spreads.first().map_or(0, |s| s.n));
    println!(
        "  {:<28} {:>12} {:>12} {:>12}",
        "metric", "mean", "std", "95% CI ±"
    );
    for s in spreads {
        println!(
            "  {:<28} {:>12.4} {:>12.4} {:>12.4}",
            s.name, s.mean, s.std, s.ci95
        );
    }
}

/// One row per adapter when several `--lora` adapters were evaluated: the mean of each metric
/// over its repeats.
pub fn print_adapter_table(rows: &[(String, Vec<serde_json::Value>, Vec<Spread>)]) {
    let Some((_, _, first)) = rows.first() else {
        return;
    };
    let names: Vec<&str> = first.iter().map(|s| s.name.as_str()).collect();
    println!("adapters (mean over repeats):");
    print!("  {:<36}", "model");
    for n in &names {
        print!(" {n:>14}");
    }
    println!();
    for (model, _, spreads) in rows {
        print!("  {model:<36}");
        for s in spreads {
            print!(" {:>14.4}", s.mean);
        }
        println!();
    }
}

/// ANSI 256-colour codes approximating the ARC palette 0–9.
const PALETTE: [u8; 10] = [16, 27, 160, 34, 226, 245, 201, 208, 51, 88];

/// Renders a grid with coloured cells (or digits when `colour` is false).
pub fn render_grid(grid: &Grid, colour: bool) -> String {
    let mut s = String::new();
    for row in grid.rows() {
        for &v in row {
            if colour {
                s.push_str(&format!(
                    "\x1b[48;5;{}m{v:>2}\x1b[0m",
                    PALETTE[usize::from(v.min(9))]
                ));
            } else {
                s.push_str(&format!("{v:>2}"));
            }
        }
        s.push('\n');
    }
    s
}
