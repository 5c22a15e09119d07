//! The solve loop: for each task, prompt → completions → code → execution → scores → votes, then the
//! submission is rewritten atomically and the attempts are stored.

use crate::exec::Executor;
use crate::extract::{extract_code, CodeForm, CodeSource, ExtractedCode};
use crate::generate::{Completion, GenerationRequest, Generator, SamplingParams};
use crate::metrics::{RunMetrics, TaskResult};
use crate::prompt::PromptTemplate;
use crate::score::{score_attempt, Attempt};
use crate::store::{ProgramStore, RunInfo};
use crate::submission::Submission;
use crate::task::Task;
use crate::vote;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// Receives progress as the run goes; the CLI draws it, tests ignore it.
pub trait RunObserver {
    /// A task finished (`done` of `total`).
    fn task_finished(&mut self, result: &TaskResult, done: usize, total: usize);
}

/// An observer that ignores everything.
pub struct Silent;

impl RunObserver for Silent {
    fn task_finished(&mut self, _: &TaskResult, _: usize, _: usize) {}
}

/// Where a run writes and how it samples.
pub struct RunSettings {
    /// Samples per task (`None`: the backend's default).
    pub attempts: Option<usize>,
    /// Sampling options passed to the backend.
    pub sampling: SamplingParams,
    /// The submission file, rewritten after every task.
    pub submission_path: PathBuf,
}

/// The parts a run uses.
pub struct Solver<'a> {
    /// Source of completions.
    pub generator: &'a dyn Generator,
    /// Program executor.
    pub executor: &'a Executor,
    /// Prompt version.
    pub template: &'a PromptTemplate,
    /// Where attempts are kept (optional in library use).
    pub store: Option<&'a mut ProgramStore>,
}

/// A finished run.
pub struct RunOutcome {
    /// Per-task results in task order.
    pub results: Vec<TaskResult>,
    /// Run metrics.
    pub metrics: RunMetrics,
    /// The final submission (also on disk).
    pub submission: Submission,
}

/// The program an attempt runs: given directly, or extracted from the completion.
fn program_of(completion: &Completion) -> Option<ExtractedCode> {
    if let Some(code) = &completion.code {
        return Some(ExtractedCode {
            code: code.clone(),
            source: CodeSource::Direct,
            form: CodeForm::Direct,
        });
    }
    if completion.finish_reason == crate::generate::FinishReason::Error {
        return None;
    }
    extract_code(&completion.text, completion.reasoning.as_deref())
}

impl Solver<'_> {
    /// Solves one task: generation, execution, scoring and voting.
    pub fn solve_task(&self, task: &Task, settings: &RunSettings) -> TaskResult {
        let prompt = self.template.render(task);
        let request = GenerationRequest {
            task,
            prompt: &prompt,
            n: settings.attempts,
            sampling: &settings.sampling,
        };
        let completions = match self.generator.generate(&request) {
            Ok(c) => c,
            Err(e) => vec![Completion::failure(format!("{e:#}")); settings.attempts.unwrap_or(1)],
        };
        let programs: Vec<Option<ExtractedCode>> = completions.iter().map(program_of).collect();
        let codes: Vec<&str> = programs.iter().flatten().map(|p| p.code.as_str()).collect();
        let inputs = Arc::new(task.all_inputs());
        let mut runs = self.executor.run_batch(&codes, inputs).into_iter();
        let attempts: Vec<Attempt> = completions
            .into_iter()
            .zip(&programs)
            .enumerate()
            .map(|(i, (completion, program))| {
                let run = program.as_ref().and_then(|_| runs.next());
                score_attempt(task, i, completion, program.as_ref(), run.as_ref())
            })
            .collect();
        let n_test = task.test.len();
        let weighted = (0..n_test)
            .map(|i| vote::top2(&vote::weighted_majority(&attempts, i)))
            .collect();
        let train_majority = (0..n_test)
            .map(|i| vote::top2(&vote::train_majority(&attempts, i)))
            .collect();
        TaskResult {
            task_id: task.id.clone(),
            attempts,
            weighted,
            train_majority,
            solutions: task.solutions.clone(),
        }
    }

    /// Runs every task in order. A complete fallback submission is written before any work, and the
    /// file is replaced atomically after each task, so it is valid at every moment.
    pub fn run(
        &mut self,
        tasks: &[Task],
        settings: &RunSettings,
        info: &RunInfo,
        observer: &mut dyn RunObserver,
    ) -> anyhow::Result<RunOutcome> {
        let start = Instant::now();
        let mut submission = Submission::fallback(tasks);
        write_submission(&submission, settings)?;
        let mut results = Vec::with_capacity(tasks.len());
        for (i, task) in tasks.iter().enumerate() {
            let result = self.solve_task(task, settings);
            submission.set_task(task, &result.weighted);
            write_submission(&submission, settings)?;
            if let Some(store) = self.store.as_deref_mut() {
                store.insert_attempts(info, &result.attempts)?;
            }
            observer.task_finished(&result, i + 1, tasks.len());
            results.push(result);
        }
        let metrics = RunMetrics::compute(&results, start.elapsed().as_secs_f64());
        Ok(RunOutcome {
            results,
            metrics,
            submission,
        })
    }
}

fn write_submission(submission: &Submission, settings: &RunSettings) -> anyhow::Result<()> {
    submission
        .write_atomic(&settings.submission_path)
        .map_err(|e| {
            anyhow::anyhow!(
                "{}: cannot write submission: {e}",
                settings.submission_path.display()
            )
        })
}
