//! The solve loop: for each task, prompt → completions → code → execution → scores → votes, then the
//! submission is rewritten atomically and the attempts are stored.

use crate::exec::Executor;
use crate::extract::{extract_code, CodeForm, CodeSource, ExtractedCode};
use crate::generate::{Cancellation, Completion, GenerationRequest, Generator, SamplingParams};
use crate::metrics::{RunMetrics, TaskResult};
use crate::plan::{Deadlines, Planner, WorkUnit};
use crate::prompt::PromptTemplate;
use crate::score::{score_attempt, Attempt};
use crate::store::{ProgramStore, RunInfo};
use crate::submission::Submission;
use crate::task::Task;
use crate::vote;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
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
    /// Time budget (`--time-budget`): samples per task are planned to finish by the soft
    /// deadline. Needs a number of attempts; ignored without one.
    pub deadlines: Option<Deadlines>,
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
    /// Why the run ended early, if it did.
    pub stopped: Option<StopReason>,
}

/// Why a run ended before all its work was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// The time budget's hard deadline passed.
    Deadline,
    /// Cancelled (SIGINT/SIGTERM).
    Cancelled,
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
    /// Solves one task with the settings' number of samples: generation, execution, scoring and
    /// voting.
    pub fn solve_task(&self, task: &Task, settings: &RunSettings) -> TaskResult {
        let cancel = Cancellation::default();
        let unit = WorkUnit {
            task: 0,
            first_sample: 0,
            n: settings.attempts.unwrap_or(1),
            pass: 0,
        };
        let (attempts, _) = self.stage().attempts(task, &unit, settings, &cancel);
        task_result(task, attempts)
    }

    fn stage(&self) -> SolveStage<'_> {
        SolveStage {
            generator: self.generator,
            executor: self.executor,
            template: self.template,
        }
    }

    /// Runs every task, in passes planned by [`Planner`] (one pass of all samples without a
    /// budget). A complete fallback submission is written before any work, and the file is
    /// replaced atomically after each piece of work, so it is valid at every moment. `prior`
    /// holds the attempts of tasks finished by an earlier invocation of the same run (resume):
    /// they are kept, voted on and not redone. Backends that batch across tasks
    /// ([`Generator::concurrent_tasks`]) get that many tasks in flight at once.
    ///
    /// `cancel` stops the run early (signal or hard deadline): work that was cut short is not
    /// recorded, everything finished before is, and the outcome says why it stopped.
    pub fn run(
        &mut self,
        tasks: &[Task],
        settings: &RunSettings,
        info: &RunInfo,
        observer: &mut dyn RunObserver,
        mut prior: HashMap<String, Vec<Attempt>>,
        cancel: &Cancellation,
    ) -> anyhow::Result<RunOutcome> {
        let start = Instant::now();
        let target = settings.attempts.unwrap_or(1).max(1);
        // Each task's latest result (all its attempts so far, voted on).
        let mut results: Vec<Option<TaskResult>> = tasks
            .iter()
            .map(|t| prior.remove(&t.id).map(|a| task_result(t, a)))
            .collect();
        let mut submission = Submission::fallback(tasks);
        for (task, result) in tasks.iter().zip(&results) {
            if let Some(r) = result {
                submission.set_task(task, &r.weighted);
            }
        }
        write_submission(&submission, settings)?;
        let have: Vec<usize> = results
            .iter()
            .map(|r| match r {
                // A finished task for which the backend had nothing needs no more work.
                Some(r) if r.attempts.is_empty() => target,
                Some(r) => r.attempts.len(),
                None => 0,
            })
            .collect();
        let deadlines = settings.deadlines.filter(|_| settings.attempts.is_some());
        let planner = Mutex::new(Planner::new(have, target, deadlines, start));
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
        let mut finished_tasks = results.iter().filter(|r| r.is_some()).count();
        let (tx, rx) = crossbeam_channel::unbounded();
        std::thread::scope(|scope| -> anyhow::Result<()> {
            for _ in 0..in_flight {
                let (tx, planner, stage) = (tx.clone(), &planner, &stage);
                scope.spawn(move || loop {
                    if cancel.is_cancelled() {
                        break;
                    }
                    let Some(unit) = lock(planner).next(Instant::now()) else {
                        break;
                    };
                    let task = &tasks[unit.task];
                    let out = stage.attempts(task, &unit, settings, cancel);
                    if tx.send((unit, out)).is_err() {
                        break;
                    }
                });
            }
            drop(tx);
            for (unit, (new, complete)) in rx.iter() {
                // Work cut short by the stop is not recorded: a resumed run redoes it.
                if !complete && cancel.is_cancelled() {
                    lock(&planner).finished(&unit, 0);
                    continue;
                }
                lock(&planner).finished(&unit, new.len());
                let task = &tasks[unit.task];
                let mut all = results[unit.task]
                    .take()
                    .map_or_else(Vec::new, |r| r.attempts);
                let new_from = all.len();
                all.extend(new.into_iter().enumerate().map(|(i, mut a)| {
                    a.index = new_from + i;
                    a
                }));
                let result = task_result(task, all);
                submission.set_task(task, &result.weighted);
                let recorded = write_submission(&submission, settings).and_then(|()| {
                    match store.as_deref_mut() {
                        Some(store) => {
                            store.record_task(info, &task.id, &result.attempts, new_from)
                        }
                        None => Ok(()),
                    }
                });
                if let Err(e) = recorded {
                    // Stop handing out work; workers finish what they hold.
                    cancel.cancel();
                    return Err(e);
                }
                if new_from == 0 {
                    finished_tasks += 1;
                }
                observer.task_finished(&result, finished_tasks.min(tasks.len()), tasks.len());
                results[unit.task] = Some(result);
            }
            Ok(())
        })?;
        let results: Vec<TaskResult> = results.into_iter().flatten().collect();
        let metrics = RunMetrics::compute(&results, start.elapsed().as_secs_f64());
        let stopped = cancel.is_cancelled().then(|| {
            if cancel.deadline().is_some_and(|d| Instant::now() >= d) {
                StopReason::Deadline
            } else {
                StopReason::Cancelled
            }
        });
        Ok(RunOutcome {
            results,
            metrics,
            submission,
            stopped,
        })
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A task's result from all its attempts: the weighted-majority and train-majority votes.
pub fn task_result(task: &Task, attempts: Vec<Attempt>) -> TaskResult {
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

/// The shared, read-only parts of a run that task workers use.
struct SolveStage<'a> {
    generator: &'a dyn Generator,
    executor: &'a Executor,
    template: &'a PromptTemplate,
}

impl SolveStage<'_> {
    /// The scored attempts of one unit of work, and whether generation completed (`false` when
    /// the backend failed or was stopped part-way; the missing samples are then api-failures).
    fn attempts(
        &self,
        task: &Task,
        unit: &WorkUnit,
        settings: &RunSettings,
        cancel: &Cancellation,
    ) -> (Vec<Attempt>, bool) {
        let prompt = self.template.render(task);
        let request = GenerationRequest {
            task,
            prompt: &prompt,
            n: settings.attempts.map(|_| unit.n),
            sampling: &settings.sampling,
            first_sample: unit.first_sample,
            cancel,
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
        let complete = generated.is_ok();
        if let Err(e) = generated {
            let failure = Completion::failure(format!("{e:#}"));
            let wanted = request.n.unwrap_or(1).max(1);
            let missing = wanted.saturating_sub(completions.len());
            completions.extend(std::iter::repeat_n(failure, missing));
            programs.resize(completions.len(), None);
        }
        let mut runs = batch.finish().into_iter();
        let attempts = completions
            .into_iter()
            .zip(&programs)
            .enumerate()
            .map(|(i, (completion, program))| {
                let run = program.as_ref().and_then(|_| runs.next());
                score_attempt(task, i, completion, program.as_ref(), run.as_ref())
            })
            .collect();
        (attempts, complete)
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
            deadlines: None,
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
