//! The solve loop: for each task, prompt → completions → code → execution → scores → votes, then the
//! submission is rewritten atomically and the attempts are stored.
//!
//! The loop hands out units of work ([`crate::plan`]), plans what each asks for
//! ([`crate::search`]: fresh samples, refinements of chosen parents), runs them on worker threads
//! ([`stage`]) and folds the results into each task's running state ([`state`]): search pool,
//! votes and metric summary. Attempts are written to the store and dropped, so memory does not
//! grow with them; a resumed run rebuilds the same state from the stored attempts.

mod stage;
mod state;

use crate::exec::Executor;
use crate::generate::{Cancellation, Generator, Refinement, SamplingParams};
use crate::metrics::{RunMetrics, TaskResult};
use crate::plan::{Deadlines, Next, Planner, WorkUnit};
use crate::prompt::{Draft, PromptTemplate, REFINE_PROMPT_VERSION};
use crate::score::Attempt;
use crate::search::pool::hash_text;
use crate::search::task::unit_rng;
use crate::search::{Schedule, SearchSettings, UnitPlan};
use crate::store::{ProgramStore, RunInfo, StoredProgram, TaskProgress};
use crate::submission::Submission;
use crate::task::Task;
use anyhow::{bail, Context};
use serde::Serialize;
use stage::{Job, JobOutput, Request, SolveStage};
use state::{TaskState, CLOSED_EXHAUSTED, CLOSED_SOLVED};
use std::path::PathBuf;
use std::time::Instant;

/// Receives progress as the run goes; the CLI draws it, tests ignore it.
pub trait RunObserver {
    /// A unit of a task finished with the attempts `new`; `result` is the task's result so far
    /// (`done` of `total` tasks have had a unit).
    fn task_finished(&mut self, result: &TaskResult, new: &[Attempt], done: usize, total: usize);
}

/// An observer that ignores everything.
pub struct Silent;

impl RunObserver for Silent {
    fn task_finished(&mut self, _: &TaskResult, _: &[Attempt], _: usize, _: usize) {}
}

/// Where a run writes and how it samples and searches.
pub struct RunSettings {
    /// Attempts per task (`None`: the backend's default).
    pub attempts: Option<usize>,
    /// Sampling options passed to the backend.
    pub sampling: SamplingParams,
    /// The submission file, rewritten after every unit of work.
    pub submission_path: PathBuf,
    /// Time budget (`--time-budget`): samples per task are planned to finish by the soft
    /// deadline. Needs a number of attempts; ignored without one.
    pub deadlines: Option<Deadlines>,
    /// Refinement and early stopping.
    pub search: SearchSettings,
}

/// The parts a run uses.
pub struct Solver<'a> {
    /// Source of completions.
    pub generator: &'a dyn Generator,
    /// Program executor.
    pub executor: &'a Executor,
    /// Prompt version of fresh samples.
    pub template: &'a PromptTemplate,
    /// Where attempts are kept (optional in library use).
    pub store: Option<&'a mut ProgramStore>,
}

/// What the search did in a run, beyond the metrics.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SearchStats {
    /// Units of work run.
    pub units: usize,
    /// Refinement requests sent (one per parent per unit).
    pub refine_requests: usize,
    /// Seconds spent building them: reading each parent back from the store and rendering its
    /// refinement prompt.
    pub refine_prompt_seconds: f64,
    /// Seconds the executor spent on refinement children.
    pub refine_exec_seconds: f64,
    /// Refinement children made.
    pub refinements: usize,
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
    /// What the search did.
    pub search: SearchStats,
}

/// Why a run ended before all its work was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// The time budget's hard deadline passed.
    Deadline,
    /// Cancelled (SIGINT/SIGTERM).
    Cancelled,
}

impl Solver<'_> {
    /// Samples one task once with the settings' number of attempts (no search, no store).
    pub fn sample_task(&self, task: &Task, settings: &RunSettings) -> Vec<Attempt> {
        let stage = SolveStage {
            generator: self.generator,
            executor: self.executor,
            sampling: &settings.sampling,
        };
        let job = Job {
            unit: WorkUnit {
                task: 0,
                first_sample: 0,
                n: settings.attempts.unwrap_or(1),
                pass: 0,
            },
            requests: vec![Request {
                prompt: self.template.render(task),
                n: settings.attempts,
                first_sample: 0,
                parent: None,
            }],
        };
        stage.run(task, job, &Cancellation::default()).attempts
    }

    /// Runs every task, in units planned by [`Planner`] and [`crate::search`]. A complete
    /// fallback submission is written before any work, and the file is replaced atomically after
    /// each unit, so it is valid at every moment. With `resume`, the tasks' state is first
    /// rebuilt from this run's attempts in the store: their work is kept, voted on and not redone.
    /// Backends that batch across tasks ([`Generator::concurrent_tasks`]) get that many tasks in
    /// flight at once; one task never has two units in flight.
    ///
    /// `cancel` stops the run early (signal or hard deadline): work that was cut short is not
    /// recorded, everything finished before is, and the outcome says why it stopped.
    pub fn run(
        &mut self,
        tasks: &[Task],
        settings: &RunSettings,
        info: &RunInfo,
        observer: &mut dyn RunObserver,
        resume: bool,
        cancel: &Cancellation,
    ) -> anyhow::Result<RunOutcome> {
        let start = Instant::now();
        settings.search.validate()?;
        let refining = settings.search.refines();
        if refining && settings.attempts.is_none() {
            bail!("--refine-fraction takes a share of --attempts: give --attempts N");
        }
        if refining && !self.generator.can_refine() {
            bail!(
                "--refine-fraction: the {} backend cannot refine programs (it has no model; a replay file needs lines with \"parent\")",
                self.generator.backend()
            );
        }
        let target = settings.attempts.unwrap_or(1).max(1);
        let schedule = Schedule::new(target, &settings.search);
        let refine_template = PromptTemplate::load(REFINE_PROMPT_VERSION)?;
        let keep_programs = self.store.is_none();
        let mut states: Vec<TaskState> = tasks
            .iter()
            .map(|t| TaskState::new(t, keep_programs))
            .collect();
        if resume {
            let store = self
                .store
                .as_deref()
                .context("resuming a run needs its store")?;
            rebuild(store, &info.run_id, tasks, &mut states, target)?;
        }
        let mut submission = Submission::fallback(tasks);
        for (task, state) in tasks.iter().zip(&states) {
            if state.touched {
                submission.set_task(task, &state.votes.weighted());
            }
        }
        write_submission(&submission, settings)?;
        let have = states.iter().map(|s| s.search.attempts()).collect();
        let deadlines = settings.deadlines.filter(|_| settings.attempts.is_some());
        let mut planner = Planner::new(have, target, deadlines, start);
        if let Some(round) = schedule.round() {
            planner = planner.with_rounds(schedule.first_pass(), round);
        }
        for (i, state) in states.iter().enumerate() {
            if state.closed.is_some() {
                planner.close(i);
            }
        }
        let in_flight_max = self
            .generator
            .concurrent_tasks(settings.attempts.map(|_| schedule.first_pass()))
            .clamp(1, tasks.len().max(1));
        let stage = SolveStage {
            generator: self.generator,
            executor: self.executor,
            sampling: &settings.sampling,
        };
        let mut run = RunLoop {
            tasks,
            settings,
            info,
            target,
            schedule: &schedule,
            template: self.template,
            refine_template: &refine_template,
            generator: self.generator,
            store: self.store.as_deref_mut(),
            states,
            planner,
            submission,
            finished_tasks: 0,
            stats: SearchStats::default(),
        };
        run.finished_tasks = run.states.iter().filter(|s| s.touched).count();
        let (job_tx, job_rx) = crossbeam_channel::unbounded::<Job>();
        let (out_tx, out_rx) = crossbeam_channel::unbounded::<JobOutput>();
        std::thread::scope(|scope| -> anyhow::Result<()> {
            for _ in 0..in_flight_max {
                let (job_rx, out_tx, stage) = (job_rx.clone(), out_tx.clone(), &stage);
                scope.spawn(move || {
                    for job in job_rx.iter() {
                        let task = &tasks[job.unit.task];
                        if out_tx.send(stage.run(task, job, cancel)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(out_tx);
            let outcome = run.drive(&job_tx, &out_rx, in_flight_max, observer, cancel);
            if outcome.is_err() {
                // Stop handing out work; workers finish what they hold.
                cancel.cancel();
            }
            drop(job_tx);
            outcome
        })?;
        let results: Vec<TaskResult> = tasks
            .iter()
            .zip(&run.states)
            .filter(|(_, s)| s.touched)
            .map(|(t, s)| s.result(t))
            .collect();
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
            submission: run.submission,
            stopped,
            search: run.stats,
        })
    }
}

/// Rebuilds the tasks' state from a run's stored attempts and progress.
fn rebuild(
    store: &ProgramStore,
    run_id: &str,
    tasks: &[Task],
    states: &mut [TaskState],
    target: usize,
) -> anyhow::Result<()> {
    let progress = store.progress(run_id)?;
    for (task, state) in tasks.iter().zip(states.iter_mut()) {
        store.for_each_attempt(run_id, &task.id, &mut |mut a| state.add(task, &mut a))?;
        if let Some(p) = progress.get(&task.id) {
            state.touched = true;
            if let Some(why) = &p.closed {
                state.close(why, target);
            }
        }
    }
    Ok(())
}

/// The dispatching side of a run: plans units, hands them to workers, folds results in.
struct RunLoop<'r, 's> {
    tasks: &'r [Task],
    settings: &'r RunSettings,
    info: &'r RunInfo,
    target: usize,
    schedule: &'r Schedule,
    template: &'r PromptTemplate,
    refine_template: &'r PromptTemplate,
    generator: &'r dyn Generator,
    store: Option<&'s mut ProgramStore>,
    states: Vec<TaskState>,
    planner: Planner,
    submission: Submission,
    finished_tasks: usize,
    stats: SearchStats,
}

impl RunLoop<'_, '_> {
    /// Keeps up to `in_flight_max` units in flight until the planner has nothing more and every
    /// unit is back (or the run is cancelled and the units in flight are back).
    fn drive(
        &mut self,
        jobs: &crossbeam_channel::Sender<Job>,
        outputs: &crossbeam_channel::Receiver<JobOutput>,
        in_flight_max: usize,
        observer: &mut dyn RunObserver,
        cancel: &Cancellation,
    ) -> anyhow::Result<()> {
        let mut in_flight = 0;
        loop {
            while in_flight < in_flight_max && !cancel.is_cancelled() {
                let Next::Unit(unit) = self.planner.next(Instant::now()) else {
                    break;
                };
                if let Some(job) = self.plan(unit, observer)? {
                    jobs.send(job)
                        .map_err(|_| anyhow::anyhow!("task workers stopped"))?;
                    in_flight += 1;
                }
            }
            if in_flight == 0 {
                return Ok(());
            }
            let Ok(out) = outputs.recv() else {
                bail!("task workers stopped");
            };
            in_flight -= 1;
            self.finish(out, observer, cancel)?;
        }
    }

    /// What a unit asks for; `None` when it can ask for nothing (the task is then closed).
    fn plan(
        &mut self,
        mut unit: WorkUnit,
        observer: &mut dyn RunObserver,
    ) -> anyhow::Result<Option<Job>> {
        let tasks = self.tasks;
        let task = &tasks[unit.task];
        let state = &self.states[unit.task];
        let settings = self.settings;
        let plan = if settings.attempts.is_some() {
            let mut rng = unit_rng(settings.sampling.seed, &task.id, unit.first_sample);
            let generator = self.generator;
            let mut available = |parent: Option<u64>, from: usize| {
                let hash = parent.map(hash_text);
                let refines = hash.as_deref().map(|h| Refinement {
                    parent: h,
                    children_before: from,
                });
                generator.available(task, refines, from)
            };
            state.search.plan(
                unit.n,
                self.schedule,
                &settings.search,
                &mut rng,
                &mut available,
            )
        } else {
            UnitPlan {
                fresh: unit.n,
                picks: Vec::new(),
            }
        };
        let total = plan.total();
        if total < unit.n {
            self.planner.resize(&mut unit, total);
        }
        if total == 0 {
            // The backend holds nothing more for this task.
            self.planner.finished(&unit, 0);
            self.planner.close(unit.task);
            self.record(unit.task, &[], Some(CLOSED_EXHAUSTED), observer)?;
            return Ok(None);
        }
        let mut requests = Vec::new();
        if plan.fresh > 0 {
            requests.push(Request {
                prompt: self.template.render(task),
                n: settings.attempts.map(|_| plan.fresh),
                first_sample: state.search.fresh,
                parent: None,
            });
        }
        let mut next_index = unit.first_sample + plan.fresh;
        for pick in &plan.picks {
            let built = Instant::now();
            let hash = hash_text(pick.parent);
            let program = self.program(unit.task, &hash)?;
            let draft = Draft {
                code: &program.code,
                train_outputs: &program.train_outputs,
                test_outputs: &program.test_outputs,
            };
            let prompt = self.refine_template.render_refinement(task, &draft);
            self.stats.refine_prompt_seconds += built.elapsed().as_secs_f64();
            self.stats.refine_requests += 1;
            requests.push(Request {
                prompt,
                n: Some(pick.n),
                first_sample: next_index,
                parent: Some((hash, pick.children_before, pick.depth)),
            });
            next_index += pick.n;
        }
        Ok(Some(Job { unit, requests }))
    }

    /// A parent's source and outputs: from the store, or kept in memory without one.
    fn program(&self, task: usize, hash: &str) -> anyhow::Result<StoredProgram> {
        let task_id = &self.tasks[task].id;
        let found = match (&self.store, &self.states[task].programs) {
            (Some(store), _) => store.program(&self.info.run_id, task_id, hash)?,
            (None, Some(programs)) => crate::search::pool::parse_hash(hash)
                .and_then(|h| programs.get(&h))
                .cloned(),
            (None, None) => None,
        };
        found.with_context(|| format!("task {task_id}: the program {hash} to refine is not stored"))
    }

    /// Folds a finished unit into its task: state, early stop, store, submission, progress.
    fn finish(
        &mut self,
        out: JobOutput,
        observer: &mut dyn RunObserver,
        cancel: &Cancellation,
    ) -> anyhow::Result<()> {
        let unit = out.unit;
        // Work cut short by the stop is not recorded: a resumed run redoes it.
        if !out.complete && cancel.is_cancelled() {
            self.planner.finished(&unit, 0);
            return Ok(());
        }
        let tasks = self.tasks;
        let task = &tasks[unit.task];
        let mut attempts = out.attempts;
        let state = &mut self.states[unit.task];
        for (i, a) in attempts.iter_mut().enumerate() {
            a.index = unit.first_sample + i;
            state.add(task, a);
            if a.parent.is_some() {
                self.stats.refinements += 1;
                self.stats.refine_exec_seconds += a.exec_seconds;
            }
        }
        self.stats.units += 1;
        let stop_at = self.settings.search.stop_after_solved;
        let left = self.target.saturating_sub(state.search.attempts());
        // A task with nothing left to do saves nothing by stopping.
        let closed = if stop_at > 0 && left > 0 && state.search.pool.solving() >= stop_at {
            Some(CLOSED_SOLVED)
        } else if out.complete && attempts.len() < unit.n {
            // The backend had fewer than asked: it holds nothing more for this task.
            Some(CLOSED_EXHAUSTED)
        } else {
            None
        };
        self.planner.finished(&unit, attempts.len());
        if closed.is_some() {
            self.planner.close(unit.task);
        }
        self.record(unit.task, &attempts, closed, observer)
    }

    /// Records a unit's attempts and the task's progress, rewrites the submission and reports.
    fn record(
        &mut self,
        task_index: usize,
        attempts: &[Attempt],
        closed: Option<&str>,
        observer: &mut dyn RunObserver,
    ) -> anyhow::Result<()> {
        let tasks = self.tasks;
        let task = &tasks[task_index];
        let state = &mut self.states[task_index];
        if let Some(why) = closed {
            state.close(why, self.target);
        }
        let first_unit = !state.touched;
        state.touched = true;
        self.submission.set_task(task, &state.votes.weighted());
        write_submission(&self.submission, self.settings)?;
        if let Some(store) = self.store.as_deref_mut() {
            let progress = TaskProgress {
                attempts: state.search.attempts(),
                closed: state.closed.clone(),
            };
            store.record_unit(self.info, &task.id, attempts, &progress)?;
        }
        if first_unit {
            self.finished_tasks += 1;
        }
        let total = self.tasks.len();
        observer.task_finished(
            &state.result(task),
            attempts,
            self.finished_tasks.min(total),
            total,
        );
        Ok(())
    }
}

/// A task's result from its attempts (in attempt order), voted and summed up as a run does it;
/// attempts read back from a store get their pixel accuracies from their train outputs.
pub fn task_result(task: &Task, attempts: &mut [Attempt]) -> TaskResult {
    let mut state = TaskState::new(task, false);
    for attempt in attempts {
        state.add(task, attempt);
    }
    state.result(task)
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
    use crate::generate::{Completion, GenerationRequest};
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
            search: SearchSettings::default(),
        };
        let task = &embedded_sample::load(Split::Evaluation).unwrap()[0];
        let attempts = solver.sample_task(task, &settings);
        assert!(generator
            .overlapped
            .load(std::sync::atomic::Ordering::Relaxed));
        // Two programs ran; the failure after them fills the third attempt only.
        assert_eq!(attempts.len(), 3);
        assert_eq!(executor.programs_finished(), 2);
        assert!(attempts[2].code.is_none());
        assert!(attempts[2].completion.error.is_some());
    }
}
