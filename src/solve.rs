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
        // Each program starts running as soon as its completion arrives.
        let inputs = Arc::new(task.all_inputs());
        let mut batch = self.executor.streaming();
        let mut completions = Vec::new();
        let mut programs: Vec<Option<ExtractedCode>> = Vec::new();
        let generated = self.generator.generate_each(&request, &mut |completion| {
            let program = program_of(&completion);
            if let Some(p) = &program {
                batch.submit(&p.code, &inputs);
            }
            programs.push(program);
            completions.push(completion);
        });
        if let Err(e) = generated {
            let failure = Completion::failure(format!("{e:#}"));
            let wanted = settings.attempts.unwrap_or(1).max(1);
            let missing = wanted.saturating_sub(completions.len());
            completions.extend(std::iter::repeat_n(failure, missing));
            programs.resize(completions.len(), None);
        }
        let mut runs = batch.finish().into_iter();
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

    /// Runs every task. A complete fallback submission is written before any work, and the file
    /// is replaced atomically after each task, so it is valid at every moment. Backends that batch
    /// across tasks ([`Generator::concurrent_tasks`]) get that many tasks in flight at once; the
    /// results still come out in task order.
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
        let mut slots: Vec<Option<TaskResult>> = (0..tasks.len()).map(|_| None).collect();
        let in_flight = self
            .generator
            .concurrent_tasks(settings.attempts)
            .clamp(1, tasks.len().max(1));
        let stage = SolveStage {
            generator: self.generator,
            executor: self.executor,
            template: self.template,
        };
        let mut store = self.store.as_deref_mut();
        let mut finish = |i: usize, result: TaskResult, done: usize| -> anyhow::Result<()> {
            submission.set_task(&tasks[i], &result.weighted);
            write_submission(&submission, settings)?;
            if let Some(store) = store.as_deref_mut() {
                store.insert_attempts(info, &result.attempts)?;
            }
            observer.task_finished(&result, done, tasks.len());
            slots[i] = Some(result);
            Ok(())
        };
        // Workers solve tasks (one at a time each, in task order); this thread records them.
        let next = std::sync::atomic::AtomicUsize::new(0);
        let (tx, rx) = crossbeam_channel::unbounded();
        std::thread::scope(|scope| -> anyhow::Result<()> {
            for _ in 0..in_flight {
                let (tx, next, stage) = (tx.clone(), &next, &stage);
                scope.spawn(move || loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(task) = tasks.get(i) else { break };
                    if tx.send((i, stage.solve_task(task, settings))).is_err() {
                        break;
                    }
                });
            }
            drop(tx);
            for (done, (i, result)) in rx.iter().enumerate() {
                if let Err(e) = finish(i, result, done + 1) {
                    // Stop handing out tasks; workers finish the ones they hold.
                    next.store(tasks.len(), std::sync::atomic::Ordering::Relaxed);
                    return Err(e);
                }
            }
            Ok(())
        })?;
        let results: Vec<TaskResult> = slots.into_iter().flatten().collect();
        let metrics = RunMetrics::compute(&results, start.elapsed().as_secs_f64());
        Ok(RunOutcome {
            results,
            metrics,
            submission,
        })
    }
}

/// The shared, read-only parts of a run that task workers use.
struct SolveStage<'a> {
    generator: &'a dyn Generator,
    executor: &'a Executor,
    template: &'a PromptTemplate,
}

impl SolveStage<'_> {
    fn solve_task(&self, task: &Task, settings: &RunSettings) -> TaskResult {
        Solver {
            generator: self.generator,
            executor: self.executor,
            template: self.template,
            store: None,
        }
        .solve_task(task, settings)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exec::ExecConfig;
    use crate::task::{embedded_sample, Split};
    use std::time::Duration;

    /// Hands over its first completion, then waits (up to a generous limit) for the executor to
    /// finish that program before handing over the second: this only ends quickly if the solver
    /// runs programs while generation is still going on.
    struct WaitsForExecution<'e> {
        executor: &'e Executor,
        overlapped: std::sync::atomic::AtomicBool,
    }

    impl Generator for WaitsForExecution<'_> {
        fn backend(&self) -> &str {
            "test"
        }
        fn model(&self) -> String {
            "waits-for-execution".into()
        }
        fn generate(&self, _: &GenerationRequest<'_>) -> anyhow::Result<Vec<Completion>> {
            unreachable!("the solver streams completions")
        }
        fn generate_each(
            &self,
            _: &GenerationRequest<'_>,
            sink: &mut dyn FnMut(Completion),
        ) -> anyhow::Result<()> {
            let before = self.executor.programs_finished();
            sink(Completion::text(
                "```python\ndef transform(g):\n    return g\n```",
            ));
            let deadline = Instant::now() + Duration::from_secs(30);
            while Instant::now() < deadline {
                if self.executor.programs_finished() > before {
                    self.overlapped
                        .store(true, std::sync::atomic::Ordering::Relaxed);
                    break;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            sink(Completion::text(
                "```python\ndef transform(g):\n    return [[0]]\n```",
            ));
            Err(anyhow::anyhow!("the server went away"))
        }
    }

    #[test]
    fn programs_run_while_generation_goes_on() {
        let executor = Executor::new(ExecConfig {
            workers: 1,
            ..ExecConfig::default()
        })
        .unwrap();
        let generator = WaitsForExecution {
            executor: &executor,
            overlapped: Default::default(),
        };
        let template = PromptTemplate::load(crate::prompt::DEFAULT_PROMPT_VERSION).unwrap();
        let solver = Solver {
            generator: &generator,
            executor: &executor,
            template: &template,
            store: None,
        };
        let dir = tempfile::tempdir().unwrap();
        let settings = RunSettings {
            attempts: Some(3),
            sampling: SamplingParams::default(),
            submission_path: dir.path().join("submission.json"),
        };
        let task = &embedded_sample::load(Split::Evaluation).unwrap()[0];
        let result = solver.solve_task(task, &settings);
        assert!(generator
            .overlapped
            .load(std::sync::atomic::Ordering::Relaxed));
        // Two programs ran; the failure after them fills the third attempt only.
        assert_eq!(result.attempts.len(), 3);
        assert_eq!(executor.programs_finished(), 2);
        assert!(result.attempts[2].code.is_none());
        assert!(result.attempts[2].completion.error.is_some());
    }
}
