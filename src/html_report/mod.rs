//! `arc-solver report`: one self-contained HTML page per run (inline CSS, SVG and script; the
//! page's content security policy forbids every fetch).
//!
//! The page holds the run's metrics, a plot of tasks solved against attempts per task ([`curve`],
//! [`plot`]) and, per task, its grids in ARC's colours, the voted answers beside the expected
//! output, the top programs and, with lineage, the refinement tree ([`page`], [`tree`]). Attempts
//! are streamed from the store one task at a time; the page holds only the top programs of each
//! task, so its size follows the number of tasks, not of attempts.

pub mod curve;
pub mod page;
pub mod plot;
pub mod tree;

use crate::export::source::{RunChoice, SourceRun, StoreSource};
use crate::export::tasks::{TaskBook, TaskOverride};
use crate::export::ExportError;
use crate::metrics::RunMetrics;
use crate::score::Attempt;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Everything `report` needs.
#[derive(Clone, Debug)]
pub struct ReportOptions {
    /// Program stores.
    pub dbs: Vec<PathBuf>,
    /// The run (`None`: the latest).
    pub run: Option<String>,
    /// The HTML file to write.
    pub out: PathBuf,
    /// Programs shown per task.
    pub top_programs: usize,
    /// Tasks sections open when the page loads.
    pub open_tasks: usize,
    /// Where tasks come from, when not where the run recorded.
    pub tasks: TaskOverride,
}

impl ReportOptions {
    /// Defaults for `db`, `run` and `out`.
    pub fn new(db: &Path, run: Option<String>, out: &Path) -> ReportOptions {
        ReportOptions {
            dbs: vec![db.to_path_buf()],
            run,
            out: out.to_path_buf(),
            top_programs: 3,
            open_tasks: 3,
            tasks: TaskOverride::default(),
        }
    }
}

/// What was written.
#[derive(Clone, Debug)]
pub struct ReportSummary {
    /// The run shown.
    pub run_id: String,
    /// Tasks shown.
    pub tasks: usize,
    /// Attempts read.
    pub attempts: usize,
    /// Page size in bytes.
    pub bytes: usize,
    /// Seconds to build and write it.
    pub seconds: f64,
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

/// The metrics rows: the run's stored metrics when it finished, else what the stored attempts
/// give (and a note that it did not finish).
fn metric_rows(run: &SourceRun, computed: &Computed) -> Vec<(String, String)> {
    let stored: Option<RunMetrics> = run
        .metrics
        .as_ref()
        .and_then(|m| serde_json::from_value(m.clone()).ok());
    let mut rows = Vec::new();
    match &stored {
        Some(m) => {
            let opt = |x: Option<f64>| x.map_or_else(|| "n/a (no solutions)".into(), pct);
            rows.extend([
                (
                    "tasks".to_string(),
                    format!("{} ({} scored)", m.tasks, m.tasks_scored),
                ),
                ("pass@2 (weighted)".into(), opt(m.pass2_weighted)),
                (
                    "pass@2 (train-majority)".into(),
                    opt(m.pass2_train_majority),
                ),
                ("oracle".into(), opt(m.oracle)),
                ("all-train-correct".into(), pct(m.all_train_correct)),
                ("min-1-train-correct".into(), pct(m.min1_train_correct)),
                ("attempts".into(), m.attempts.to_string()),
                ("ok".into(), pct(m.ok_rate)),
                ("exec-error".into(), pct(m.exec_error_rate)),
                ("timeout".into(), pct(m.timeout_rate)),
                ("invalid-output".into(), pct(m.invalid_output_rate)),
                ("no-code".into(), pct(m.no_code_rate)),
                ("max-length".into(), pct(m.max_length_rate)),
                ("api-failure".into(), pct(m.api_failure_rate)),
                (
                    "tokens (prompt/completion)".into(),
                    format!("{}/{}", m.prompt_tokens, m.completion_tokens),
                ),
                ("wall time".into(), format!("{:.1} s", m.wall_seconds)),
            ]);
            if let Some(usd) = m.cost_usd {
                rows.push(("cost".into(), format!("${usd:.4}")));
            }
        }
        None => {
            rows.push((
                "status".into(),
                "unfinished: values from the stored attempts".into(),
            ));
            rows.push((
                "tasks".into(),
                format!("{} ({} scored)", computed.tasks, computed.scored),
            ));
            if computed.scored > 0 {
                let n = computed.scored as f64;
                rows.push(("pass@2 (weighted)".into(), pct(computed.pass2 / n)));
                rows.push(("oracle".into(), pct(computed.oracle / n)));
            }
            rows.push((
                "all-train-correct".into(),
                pct(computed.train_perfect as f64 / computed.tasks.max(1) as f64),
            ));
            rows.push(("attempts".into(), computed.attempts.to_string()));
        }
    }
    rows
}

#[derive(Default)]
struct Computed {
    tasks: usize,
    scored: usize,
    attempts: usize,
    pass2: f64,
    oracle: f64,
    train_perfect: usize,
}

/// Builds the page of a run and writes it atomically; returns what it shows.
pub fn write_report(opts: &ReportOptions) -> Result<ReportSummary, ExportError> {
    let start = Instant::now();
    let ids;
    let choice = match &opts.run {
        Some(id) => {
            ids = [id.clone()];
            RunChoice::Ids(&ids)
        }
        None => RunChoice::Latest,
    };
    crate::export::check_file_out(&opts.out)?;
    let source = StoreSource::open(&opts.dbs, choice)?;
    let run = source.runs()[0].clone();
    let book = TaskBook::load(std::slice::from_ref(&run), &opts.tasks)?;
    let task_ids = source.task_ids()?;
    let mut sections = String::new();
    let mut overview = String::new();
    let mut curves = Vec::with_capacity(task_ids.len());
    let mut computed = Computed::default();
    for (n, id) in task_ids.iter().enumerate() {
        let task = book.task(0, id)?;
        let stored = source.run_task_attempts(0, id)?;
        let mut attempts: Vec<Attempt> = stored.iter().map(|a| a.to_attempt()).collect();
        if let Some(sols) = &task.solutions {
            for a in &mut attempts {
                a.test_correct = Some(
                    sols.iter()
                        .enumerate()
                        .map(|(i, s)| a.test_predictions.get(i).and_then(Option::as_ref) == Some(s))
                        .collect(),
                );
            }
        }
        let result = crate::solve::task_result(&task, &mut attempts);
        let pass2 = result.pass2(&result.weighted);
        let oracle = result.oracle();
        let task_curve = curve::task_curve(&attempts, task.solutions.as_deref());
        let train_perfect = attempts.iter().any(Attempt::all_train_correct);
        computed.tasks += 1;
        computed.attempts += attempts.len();
        computed.scored += usize::from(pass2.is_some());
        computed.pass2 += pass2.unwrap_or(0.0);
        computed.oracle += oracle.unwrap_or(0.0);
        computed.train_perfect += usize::from(train_perfect);
        let _ = write!(
            overview,
            "<tr><td><a class=\"goto\" href=\"#task-{id}\">{id}</a></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            page::status(pass2),
            attempts.len(),
            attempts.iter().filter(|a| a.all_train_correct()).count(),
            oracle.map_or_else(|| "-".into(), |o| format!("{:.0}%", 100.0 * o)),
            id = page::escape(id)
        );
        sections.push_str(&page::task_section(&page::TaskView {
            task: &task,
            attempts: &attempts,
            voted: &result.weighted,
            pass2,
            oracle,
            top_programs: opts.top_programs,
            open: n < opts.open_tasks,
        }));
        curves.push(task_curve);
    }
    let run_curve = curve::run_curve(&curves);
    let info = &run.info;
    let title = format!("arc-solver run {}", info.run_id);
    let mut body = String::new();
    let _ = write!(
        body,
        "<header><h1>{}</h1><div class=\"meta\">backend {} · model {} · prompt {} · {} split of {} · started {}{}</div></header><main>",
        page::escape(&title),
        page::escape(&info.backend),
        page::escape(&info.model),
        page::escape(&info.prompt_version),
        page::escape(&info.split),
        page::escape(&info.data_root),
        page::escape(&info.started_at),
        run.finished_at
            .as_ref()
            .map_or_else(|| " · unfinished".to_string(), |f| format!(" · finished {}", page::escape(f)))
    );
    let _ = write!(
        body,
        "<section><h2>Metrics</h2><div class=\"cols\">{}<div><h3>Tasks solved against attempts per task</h3>{}\
         <p class=\"muted\">Each point votes over the first k attempts of every task (tasks with fewer keep their last value).</p></div></div></section>",
        page::table(&metric_rows(&run, &computed)),
        plot::svg(&run_curve)
    );
    let _ = write!(
        body,
        "<section><h2>Tasks</h2><div class=\"controls\"><button class=\"on\" data-f=\"all\">all</button>\
         <button data-f=\"solved\">solved</button><button data-f=\"unsolved\">unsolved</button>\
         <button data-f=\"train-perfect\">train-perfect</button><input id=\"search\" placeholder=\"task id\"></div>\
         <details><summary>overview table ({} tasks)</summary><table><thead><tr><th>task</th><th>status</th><th>attempts</th>\
         <th>train-perfect attempts</th><th>oracle</th></tr></thead><tbody>{overview}</tbody></table></details>\
         {sections}</section></main>",
        task_ids.len()
    );
    let html = page::frame(&title, &body);
    crate::submission::write_atomic(&opts.out, html.as_bytes()).map_err(|e| {
        ExportError::Output {
            path: opts.out.clone(),
            message: e.to_string(),
        }
    })?;
    Ok(ReportSummary {
        run_id: info.run_id.clone(),
        tasks: task_ids.len(),
        attempts: computed.attempts,
        bytes: html.len(),
        seconds: start.elapsed().as_secs_f64(),
    })
}
