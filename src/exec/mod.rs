//! Running `transform(grid)` programs in embedded RustPython interpreters, in parallel, under limits.
//!
//! [`Executor`] owns a pool of worker threads, each with one reusable interpreter
//! ([`vm::PythonVm`]), and a [`watchdog`] that enforces the wall-time budget. Callers submit a batch of
//! programs for one task's inputs and get one [`ProgramRun`] per program, in order. Identical program
//! texts in a batch run once.

pub mod budget;
pub mod corpus;
pub mod gaps;
pub mod numpy;
pub mod process;
pub mod sandbox;
pub mod vm;
pub mod watchdog;

use crate::task::Grid;
use crossbeam_channel::{Receiver, Sender};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use watchdog::{InterruptSlot, Watchdog};

/// Stack for worker threads: deep Python recursion needs far more than the 2 MiB default.
pub(crate) const WORKER_STACK: usize = 256 << 20;

/// Default step budget, calibrated against CPython's time (`arc-solver bench steps` on the corpus
/// and `tests/calibration/`): a program CPython with numpy finishes within 0.5 s used at most
/// 3.8e7 steps, and no program used more than 7.9e7 steps per CPython second (generator
/// expressions; empty loops can reach about 1.2e8, 6e7 in 0.5 s). Twice the former, so no such
/// program runs out of steps. A tight loop here runs about 1e7 steps a second, so the 2 s wall
/// budget ends runaway loops first; the step budget makes the verdict independent of the machine
/// under longer wall budgets.
pub const DEFAULT_MAX_STEPS: u64 = 80_000_000;

/// Limits and pool size.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExecConfig {
    /// Wall-time budget for one program over all its inputs.
    pub timeout: Duration,
    /// Worker threads (one interpreter each).
    pub workers: usize,
    /// Python recursion limit.
    pub recursion_limit: usize,
    /// Deterministic step budget for one program over all its inputs (see [`budget`]).
    pub max_steps: u64,
    /// Run each worker's interpreter in a child process (memory cap, hard kill); `None` runs them
    /// in this process.
    pub process: Option<process::ProcessConfig>,
}

impl Default for ExecConfig {
    fn default() -> Self {
        ExecConfig {
            timeout: Duration::from_secs(2),
            workers: std::thread::available_parallelism().map_or(1, |n| n.get()),
            recursion_limit: 1000,
            max_steps: DEFAULT_MAX_STEPS,
            process: None,
        }
    }
}

/// Where a worker runs its programs.
enum Runner {
    InProcess(Box<vm::PythonVm>),
    Child(process::ChildWorker),
}

impl Runner {
    fn start(slot: &Arc<InterruptSlot>, config: &ExecConfig) -> anyhow::Result<Runner> {
        Ok(match &config.process {
            None => Runner::InProcess(Box::new(vm::PythonVm::new(Arc::clone(slot))?)),
            Some(p) => Runner::Child(process::ChildWorker::spawn(p)?),
        })
    }

    fn run(&mut self, code: &str, inputs: &[Grid], config: &ExecConfig) -> ProgramResult {
        match self {
            Runner::InProcess(python) => python.run(code, inputs, config),
            Runner::Child(child) => child.run(code, inputs, config),
        }
    }
}

/// Why a program produced no grid for an input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", content = "detail", rename_all = "kebab-case")]
pub enum ExecError {
    /// The program ran past its wall-time budget.
    #[error("Timeout")]
    Timeout,
    /// The program raised (or failed to compile).
    #[error("{name}: {message}")]
    Exception {
        /// Python exception class name, e.g. `IndexError`.
        name: String,
        /// Its message (truncated).
        message: String,
    },
    /// The program returned something that is not an ARC grid.
    #[error("InvalidOutput: {0}")]
    InvalidOutput(String),
    /// The worker running the program died (a bug in the VM); the run goes on.
    #[error("WorkerLost: {0}")]
    WorkerLost(String),
}

impl ExecError {
    /// Short name: `Timeout`, `InvalidOutput`, or the exception class.
    pub fn name(&self) -> &str {
        match self {
            ExecError::Timeout => "Timeout",
            ExecError::Exception { name, .. } => name,
            ExecError::InvalidOutput(_) => "InvalidOutput",
            ExecError::WorkerLost(_) => "WorkerLost",
        }
    }
}

/// The result of one program on a list of inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramRun {
    /// One result per input, in input order.
    pub outputs: Vec<Result<Grid, ExecError>>,
    /// Wall time spent in the interpreter.
    pub elapsed: Duration,
    /// Steps charged to the program's budget (see [`budget`]); 0 when its worker was lost.
    pub steps: u64,
}

/// What an interpreter reports for one program (also the worker processes' wire format).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgramResult {
    /// One result per input, in input order.
    pub outputs: Vec<Result<Grid, ExecError>>,
    /// Steps charged to the program's budget.
    pub steps: u64,
}

impl ProgramResult {
    /// The same failure for every input.
    pub(crate) fn failed(inputs: &[Grid], error: ExecError) -> ProgramResult {
        ProgramResult {
            outputs: inputs.iter().map(|_| Err(error.clone())).collect(),
            steps: 0,
        }
    }
}

struct Job {
    code: Arc<str>,
    inputs: Arc<Vec<Grid>>,
    index: usize,
    reply: Sender<(usize, ProgramRun)>,
}

/// A pool of embedded Python interpreters.
pub struct Executor {
    config: ExecConfig,
    jobs: Option<Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
    finished: Arc<AtomicUsize>,
    _watchdog: Watchdog,
}

/// Programs submitted one at a time and run while more arrive (so execution overlaps
/// generation); a text submitted twice on the same inputs (the same `Arc`) runs once.
pub struct StreamingBatch<'e> {
    executor: &'e Executor,
    tx: Sender<(usize, ProgramRun)>,
    rx: Receiver<(usize, ProgramRun)>,
    /// Job index of each distinct text, per input list (keyed by the `Arc`'s address, which
    /// `job_inputs` keeps alive).
    first_of: HashMap<usize, HashMap<Arc<str>, usize>>,
    /// The inputs of each job.
    job_inputs: Vec<Arc<Vec<Grid>>>,
    /// For each submission, the job whose run it shares.
    submitted: Vec<usize>,
}

impl StreamingBatch<'_> {
    /// Queues `code` on `inputs`; it starts as soon as a worker is free.
    pub fn submit(&mut self, code: &str, inputs: &Arc<Vec<Grid>>) {
        let texts = self
            .first_of
            .entry(Arc::as_ptr(inputs) as usize)
            .or_default();
        if let Some(&job) = texts.get(code) {
            self.submitted.push(job);
            return;
        }
        let index = self.job_inputs.len();
        let code: Arc<str> = Arc::from(code);
        texts.insert(Arc::clone(&code), index);
        self.job_inputs.push(Arc::clone(inputs));
        self.submitted.push(index);
        let job = Job {
            code,
            inputs: Arc::clone(inputs),
            index,
            reply: self.tx.clone(),
        };
        let sent = self.executor.jobs.as_ref().map(|j| j.send(job));
        if !matches!(sent, Some(Ok(()))) {
            let _ = self
                .tx
                .send((index, lost_run(inputs, "executor is shut down")));
        }
    }

    /// Waits for every submitted program; one run per submission, in submission order.
    pub fn finish(self) -> Vec<ProgramRun> {
        let StreamingBatch {
            tx,
            rx,
            job_inputs,
            submitted,
            ..
        } = self;
        drop(tx);
        let mut runs: Vec<Option<ProgramRun>> = vec![None; job_inputs.len()];
        for (i, run) in rx.iter() {
            if let Some(slot) = runs.get_mut(i) {
                *slot = Some(run);
            }
        }
        submitted
            .into_iter()
            .map(|i| {
                runs.get(i).cloned().flatten().unwrap_or_else(|| {
                    let inputs = job_inputs.get(i).map_or(&[][..], |v| v.as_slice());
                    lost_run(inputs, "worker exited")
                })
            })
            .collect()
    }
}

impl Executor {
    /// Starts `config.workers` interpreters (at least one) and the watchdog.
    pub fn new(config: ExecConfig) -> anyhow::Result<Executor> {
        let n = config.workers.max(1);
        let (job_tx, job_rx) = crossbeam_channel::unbounded::<Job>();
        let (ready_tx, ready_rx) = crossbeam_channel::bounded::<anyhow::Result<()>>(n);
        let mut slots = Vec::with_capacity(n);
        let finished = Arc::new(AtomicUsize::new(0));
        let mut workers = Vec::with_capacity(n);
        for i in 0..n {
            let slot = Arc::new(InterruptSlot::default());
            slots.push(Arc::clone(&slot));
            let rx = job_rx.clone();
            let ready = ready_tx.clone();
            let cfg = config.clone();
            let done = Arc::clone(&finished);
            let handle = std::thread::Builder::new()
                .name(format!("exec-{i}"))
                .stack_size(WORKER_STACK)
                .spawn(move || worker_loop(slot, rx, ready, cfg, done))?;
            workers.push(handle);
        }
        for _ in 0..n {
            ready_rx.recv()??;
        }
        Ok(Executor {
            config,
            jobs: Some(job_tx),
            workers,
            finished,
            _watchdog: Watchdog::spawn(slots)?,
        })
    }

    /// The limits in force.
    pub fn config(&self) -> &ExecConfig {
        &self.config
    }

    /// Runs one program on `inputs`.
    pub fn run(&self, code: &str, inputs: Arc<Vec<Grid>>) -> ProgramRun {
        self.run_batch(&[code], inputs)
            .pop()
            .expect("one program in, one run out")
    }

    /// Programs run so far (all workers), for progress and tests.
    pub fn programs_finished(&self) -> usize {
        self.finished.load(Ordering::Relaxed)
    }

    /// Runs several programs on the same inputs in parallel; identical texts run once.
    pub fn run_batch<S: AsRef<str>>(&self, codes: &[S], inputs: Arc<Vec<Grid>>) -> Vec<ProgramRun> {
        let mut batch = self.streaming();
        for code in codes {
            batch.submit(code.as_ref(), &inputs);
        }
        batch.finish()
    }

    /// A batch whose programs are submitted one at a time.
    pub fn streaming(&self) -> StreamingBatch<'_> {
        let (tx, rx) = crossbeam_channel::unbounded();
        StreamingBatch {
            executor: self,
            tx,
            rx,
            first_of: HashMap::new(),
            job_inputs: Vec::new(),
            submitted: Vec::new(),
        }
    }

    /// Runs (program, inputs) pairs in parallel, results in order. A program text repeated on the
    /// same inputs (the same `Arc`) runs once.
    pub fn run_many(&self, jobs: &[(&str, Arc<Vec<Grid>>)]) -> Vec<ProgramRun> {
        let mut batch = self.streaming();
        for (code, inputs) in jobs {
            batch.submit(code, inputs);
        }
        batch.finish()
    }
}

impl Drop for Executor {
    fn drop(&mut self) {
        self.jobs = None;
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

fn lost_run(inputs: &[Grid], why: &str) -> ProgramRun {
    ProgramRun {
        outputs: inputs
            .iter()
            .map(|_| Err(ExecError::WorkerLost(why.to_string())))
            .collect(),
        elapsed: Duration::ZERO,
        steps: 0,
    }
}

fn worker_loop(
    slot: Arc<InterruptSlot>,
    jobs: Receiver<Job>,
    ready: Sender<anyhow::Result<()>>,
    config: ExecConfig,
    finished: Arc<AtomicUsize>,
) {
    let mut runner = match Runner::start(&slot, &config) {
        Ok(r) => {
            let _ = ready.send(Ok(()));
            r
        }
        Err(e) => {
            let _ = ready.send(Err(e));
            return;
        }
    };
    for job in jobs.iter() {
        let start = Instant::now();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            runner.run(&job.code, &job.inputs, &config)
        }));
        let result = match result {
            Ok(o) => o,
            Err(_) => {
                let error = ExecError::WorkerLost("interpreter panicked".into());
                // The interpreter may be in a broken state after a panic: start a fresh one.
                match Runner::start(&slot, &config) {
                    Ok(fresh) => runner = fresh,
                    Err(_) => return,
                }
                ProgramResult::failed(&job.inputs, error)
            }
        };
        let run = ProgramRun {
            outputs: result.outputs,
            elapsed: start.elapsed(),
            steps: result.steps,
        };
        finished.fetch_add(1, Ordering::Relaxed);
        let _ = job.reply.send((job.index, run));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn executor(timeout_ms: u64) -> Executor {
        Executor::new(ExecConfig {
            timeout: Duration::from_millis(timeout_ms),
            workers: 2,
            recursion_limit: 200,
            max_steps: DEFAULT_MAX_STEPS,
            process: None,
        })
        .unwrap()
    }

    /// A configuration whose wall budget is far away, so only the step budget can stop a program.
    fn step_config(max_steps: u64) -> ExecConfig {
        ExecConfig {
            timeout: Duration::from_secs(120),
            workers: 2,
            recursion_limit: 200,
            max_steps,
            process: None,
        }
    }

    fn step_limited(max_steps: u64) -> Executor {
        Executor::new(step_config(max_steps)).unwrap()
    }

    #[test]
    fn step_budget_stops_loops_that_swallow_exceptions() {
        let ex = step_limited(20_000);
        let loops = [
            "def transform(g):\n    while True: pass\n",
            "def transform(g):\n    while True:\n        try:\n            pass\n        except:\n            pass\n",
            "def transform(g):\n    while True:\n        try:\n            while True:\n                pass\n        except BaseException:\n            continue\n",
            "def f(n):\n    return f(n + 1)\ndef transform(g):\n    while True:\n        try:\n            f(0)\n        except RecursionError:\n            pass\n",
        ];
        for (code, run) in loops.iter().zip(ex.run_batch(&loops, inputs())) {
            assert_eq!(run.outputs[0], Err(ExecError::Timeout), "{code}");
            assert!(run.steps > 20_000, "{code}: {} steps", run.steps);
            assert!(run.elapsed < Duration::from_secs(60), "{code}");
        }
    }

    /// A recursion whose `finally` recurses again runs 2^depth calls. Once stopped (by its budget
    /// or its deadline) it must end at once, every time: a stopped program enters no `finally`,
    /// so nothing re-enters the recursion while it unwinds.
    #[test]
    fn recursion_in_finally_stops_within_its_limits_every_time() {
        let code = "def transform(g):\n    try:\n        return transform(g)\n    finally:\n        return transform(g)\n";
        let codes: Vec<String> = (0..8).map(|i| format!("{code}# {i}\n")).collect();
        // Stopped by the budget: the wall limit is far away.
        let by_steps = Executor::new(ExecConfig {
            timeout: Duration::from_secs(20),
            ..step_config(20_000)
        })
        .unwrap();
        for run in by_steps.run_batch(&codes, inputs()) {
            assert_eq!(run.outputs, vec![Err(ExecError::Timeout); 2]);
            assert!(run.steps > 20_000, "{} steps", run.steps);
            assert!(run.elapsed < Duration::from_secs(10), "{:?}", run.elapsed);
        }
        // Stopped by the deadline: no step limit.
        let limit = Duration::from_millis(300);
        let by_time = Executor::new(ExecConfig {
            timeout: limit,
            ..step_config(budget::UNLIMITED)
        })
        .unwrap();
        for run in by_time.run_batch(&codes, inputs()) {
            assert_eq!(run.outputs, vec![Err(ExecError::Timeout); 2]);
            // The deadline plus scheduling on a loaded machine; it used to take minutes.
            assert!(
                run.elapsed < limit + Duration::from_secs(2),
                "{:?}",
                run.elapsed
            );
        }
    }

    /// Handlers of every kind try to keep a stopped program alive; none runs once it is stopped.
    #[test]
    fn a_stopped_program_runs_no_handlers() {
        let ex = step_limited(20_000);
        let codes = [
            "def transform(g):\n    while True:\n        try:\n            pass\n        finally:\n            continue\n",
            "class S:\n    def __enter__(self):\n        return self\n    def __exit__(self, *a):\n        return True\ndef transform(g):\n    while True:\n        with S():\n            while True:\n                pass\n",
            "def gen():\n    try:\n        while True:\n            yield 1\n    finally:\n        while True:\n            pass\ndef transform(g):\n    for x in gen():\n        pass\n",
            "def transform(g):\n    while True:\n        try:\n            while True:\n                pass\n        except KeyboardInterrupt:\n            g[0][0] = 0\n",
        ];
        for (code, run) in codes.iter().zip(ex.run_batch(&codes, inputs())) {
            assert_eq!(run.outputs, vec![Err(ExecError::Timeout); 2], "{code}");
        }
        // The same worker threads go on to run ordinary exception handling correctly.
        let after = "import sys\ndef transform(g):\n    try:\n        1 / 0\n    except ZeroDivisionError:\n        g = [[sys.exc_info()[0] is ZeroDivisionError and 1 or 2]]\n    return g if sys.exc_info()[0] is None else [[3]]\n";
        for run in ex.run_batch(&[after, "def transform(g):\n    return g\n"], inputs()) {
            assert!(run.outputs.iter().all(|o| o.is_ok()), "{:?}", run.outputs);
        }
        let run = ex.run(after, inputs());
        assert_eq!(run.outputs[0], Ok(Grid(vec![vec![1]])));
    }

    #[test]
    fn step_counts_are_deterministic_and_shared_by_inputs() {
        let ex = step_limited(1_000_000);
        let code = "def transform(g):\n    s = 0\n    for i in range(100):\n        s += i\n    return g\n";
        let a = ex.run(code, inputs());
        let b = ex.run(code, inputs());
        assert!(a.outputs.iter().all(|o| o.is_ok()));
        assert_eq!(a.steps, b.steps);
        // Two inputs, one call and 100 loop iterations each.
        assert!((200..400).contains(&a.steps), "{} steps", a.steps);
        // A forward jump (the `else` branch) is charged once per program, not per iteration.
        let branchy = "def transform(g):\n    s = 0\n    for i in range(100):\n        if i % 2:\n            s += i\n        else:\n            s -= 1\n    return g\n";
        let c = ex.run(branchy, inputs());
        assert!(c.steps <= a.steps + 4, "{} vs {} steps", c.steps, a.steps);
        // A budget below that fails the program; the same program, the same verdict every time.
        let tight = step_limited(a.steps - 50).run(code, inputs());
        assert!(tight.outputs[0].is_ok());
        assert_eq!(tight.outputs[1], Err(ExecError::Timeout));
    }

    #[test]
    fn an_exception_in_del_is_ignored() {
        // CPython prints it and goes on; RustPython looks up `sys.unraisablehook` through the
        // import guard, which used to find no hook there and panic.
        let ex = executor(2000);
        let code = "class D:\n    def __del__(self):\n        raise ValueError('in __del__')\ndef transform(g):\n    d = D()\n    del d\n    return g\n";
        let run = ex.run(code, inputs());
        assert!(run.outputs.iter().all(|o| o.is_ok()), "{:?}", run.outputs);
    }

    #[test]
    fn steps_do_not_depend_on_the_interpreter() {
        // The loop ends at the first name it finds in a set of strings, whose order follows
        // their hashes: each interpreter must hash them the same way.
        let code = "def transform(g):\n    n = 0\n    for s in {'ab', 'cd', 'ef', 'gh', 'ij', 'kl', 'mn', 'op'}:\n        n += 1\n        if s == 'ef':\n            break\n    return [[n]]\n";
        let runs: Vec<ProgramRun> = (0..3)
            .map(|_| step_limited(1_000_000).run(code, inputs()))
            .collect();
        for run in &runs[1..] {
            assert_eq!(run.outputs, runs[0].outputs);
            assert_eq!(run.steps, runs[0].steps);
        }
    }

    fn inputs() -> Arc<Vec<Grid>> {
        Arc::new(vec![
            Grid(vec![vec![1, 2], vec![3, 4]]),
            Grid(vec![vec![5]]),
        ])
    }

    #[test]
    fn runs_transform_on_every_input() {
        let ex = executor(2000);
        let run = ex.run(
            "def transform(g):\n    return [r[::-1] for r in g]\n",
            inputs(),
        );
        assert_eq!(run.outputs[0], Ok(Grid(vec![vec![2, 1], vec![4, 3]])));
        assert_eq!(run.outputs[1], Ok(Grid(vec![vec![5]])));
    }

    #[test]
    fn stdlib_modules_import() {
        let ex = executor(5000);
        let code = "import collections, itertools, copy, math, functools, heapq, typing, re\nfrom dataclasses import dataclass\n@dataclass\nclass P:\n    x: int\ndef transform(g):\n    c = collections.Counter(v for r in g for v in r)\n    print('debug', c)\n    return copy.deepcopy([[P(c.most_common(1)[0][0]).x]])\n";
        let run = ex.run(code, inputs());
        assert_eq!(
            run.outputs[0],
            Ok(Grid(vec![vec![1]])),
            "{:?}",
            run.outputs[0]
        );
    }

    #[test]
    fn every_allowed_module_imports() {
        let ex = executor(5000);
        let programs: Vec<String> = sandbox::ALLOWED_MODULES
            .iter()
            .map(|m| format!("import {m}\ndef transform(g):\n    return g\n"))
            .collect();
        for (module, run) in sandbox::ALLOWED_MODULES
            .iter()
            .zip(ex.run_batch(&programs, inputs()))
        {
            assert!(run.outputs[0].is_ok(), "{module}: {:?}", run.outputs[0]);
        }
    }

    #[test]
    fn programs_get_a_reduced_sys() {
        // One worker: each program runs after the one before it in the same interpreter.
        let ex = Executor::new(ExecConfig {
            workers: 1,
            recursion_limit: 200,
            ..ExecConfig::default()
        })
        .unwrap();
        let deep = "def f(n):\n    return 0 if n == 0 else f(n - 1) + 1\n";
        let raises = format!("import sys\n{deep}def transform(g):\n    sys.setrecursionlimit(5000)\n    return [[f(3000) % 10]]\n");
        let default_limit = format!("{deep}def transform(g):\n    return [[f(3000) % 10]]\n");
        let programs = [
            raises.as_str(),
            default_limit.as_str(),
            "import sys\ndef transform(g):\n    return [[len(sys.modules) % 10]]\n",
            "import sys\ndef transform(g):\n    sys.stdout.write('x')\n    return [[int(sys.maxsize > 2**31)]]\n",
            "import typing\ntyping.sys.modules.clear()\ntyping.sys.setrecursionlimit = None\ndef transform(g):\n    return g\n",
            "import collections, numpy\nimport sys\ndef transform(g):\n    sys.setrecursionlimit(300)\n    return [[sys.getrecursionlimit() % 10]]\n",
        ];
        let runs = ex.run_batch(&programs, inputs());
        assert_eq!(runs[0].outputs[0], Ok(Grid(vec![vec![0]])), "raised limit");
        assert_eq!(
            runs[1].outputs[0].as_ref().unwrap_err().name(),
            "RecursionError",
            "the limit is back to the configured one"
        );
        assert_eq!(
            runs[2].outputs[0].as_ref().unwrap_err().name(),
            "AttributeError"
        );
        assert_eq!(runs[3].outputs[0], Ok(Grid(vec![vec![1]])));
        assert!(runs[4].outputs[0].is_ok());
        assert_eq!(
            runs[5].outputs[0],
            Ok(Grid(vec![vec![0]])),
            "sys restored after vandalism"
        );
    }

    #[test]
    fn errors_are_classified() {
        let ex = executor(2000);
        let cases = [
            ("def transform(g):\n    return g[5]\n", "IndexError"),
            ("def transform(g) return g\n", "SyntaxError"),
            ("x = 1\n", "NameError"),
            ("def transform(g):\n    return 'abc'\n", "InvalidOutput"),
            (
                "def transform(g):\n    return [[1], [2, 3]]\n",
                "InvalidOutput",
            ),
            ("def transform(g):\n    return [[10]]\n", "InvalidOutput"),
            ("def transform(g):\n    return [[1.0]]\n", "InvalidOutput"),
            ("def transform(g):\n    return None\n", "InvalidOutput"),
            (
                "def transform(g):\n    return [[0] * 31]\n",
                "InvalidOutput",
            ),
            (
                "def f(n):\n    return f(n + 1)\ndef transform(g):\n    return f(0)\n",
                "RecursionError",
            ),
        ];
        let codes: Vec<&str> = cases.iter().map(|c| c.0).collect();
        let runs = ex.run_batch(&codes, inputs());
        for ((code, want), run) in cases.iter().zip(runs) {
            let got = run.outputs[0].as_ref().unwrap_err();
            assert_eq!(got.name(), *want, "{code}: {got}");
        }
    }

    #[test]
    fn tuples_and_tolist_are_accepted() {
        let ex = executor(2000);
        let code = "class A:\n    def tolist(self):\n        return [[7, 8]]\ndef transform(g):\n    return A() if len(g) == 2 else ((1, 2),)\n";
        let run = ex.run(code, inputs());
        assert_eq!(run.outputs[0], Ok(Grid(vec![vec![7, 8]])));
        assert_eq!(run.outputs[1], Ok(Grid(vec![vec![1, 2]])));
    }

    #[test]
    fn timeouts_hold_against_swallowed_interrupts() {
        let ex = executor(150);
        let codes = [
            "def transform(g):\n    while True:\n        pass\n",
            "def transform(g):\n    while True:\n        try:\n            while True:\n                pass\n        except:\n            pass\n",
            "def transform(g):\n    return g\n",
            "def transform(g):\n    try:\n        while True:\n            pass\n    except BaseException:\n        raise ValueError('converted')\n",
        ];
        let start = Instant::now();
        let runs = ex.run_batch(&codes, inputs());
        assert!(start.elapsed() < Duration::from_secs(10));
        assert_eq!(
            runs[0].outputs,
            vec![Err(ExecError::Timeout), Err(ExecError::Timeout)]
        );
        assert!(runs[1]
            .outputs
            .iter()
            .all(|o| o == &Err(ExecError::Timeout)));
        assert!(runs[2].outputs[0].is_ok(), "a later program is unaffected");
        assert_eq!(
            runs[3].outputs[0],
            Err(ExecError::Timeout),
            "interrupt turned into another error"
        );
    }

    #[test]
    fn input_mutation_does_not_leak_between_inputs_or_programs() {
        let ex = executor(2000);
        let code = "def transform(g):\n    g[0][0] = 9\n    return g\n";
        let runs = ex.run_batch(&[code, "def transform(g):\n    return g\n"], inputs());
        assert_eq!(runs[0].outputs[0], Ok(Grid(vec![vec![9, 2], vec![3, 4]])));
        assert_eq!(runs[1].outputs[0], Ok(Grid(vec![vec![1, 2], vec![3, 4]])));
    }

    #[test]
    fn host_access_and_off_list_imports_fail() {
        let ex = executor(2000);
        let cases = [
            "import os\ndef transform(g):\n    os.system('touch /tmp/arc_pwned')\n    return g\n",
            "def transform(g):\n    return [[len(open('/etc/passwd').read()) % 10]]\n",
            "def transform(g):\n    __import__('subprocess')\n    return g\n",
            "import sys\ndef transform(g):\n    return sys.modules['os'].system('true')\n",
            "import socket\ndef transform(g):\n    return g\n",
            "import ctypes\ndef transform(g):\n    return g\n",
            "import importlib\ndef transform(g):\n    return g\n",
            "def transform(g):\n    import builtins\n    return g\n",
        ];
        let runs = ex.run_batch(&cases, inputs());
        for (code, run) in cases.iter().zip(&runs) {
            assert!(run.outputs[0].is_err(), "{code} succeeded");
        }
        assert!(!std::path::Path::new("/tmp/arc_pwned").exists());
        let ok = ex.run(
            "from dataclasses import dataclass\nimport collections, re\n@dataclass\nclass P:\n    v: int\ndef transform(g):\n    return [[P(1).v]]\n",
            inputs(),
        );
        assert_eq!(
            ok.outputs[0],
            Ok(Grid(vec![vec![1]])),
            "allowed imports still work"
        );
        let closure = ex.run(
            "def transform(g):\n    c = getattr(__import__, '__closure__', None)\n    return [[0 if c is None else 1]]\n",
            inputs(),
        );
        assert_eq!(
            closure.outputs[0],
            Ok(Grid(vec![vec![0]])),
            "the guard hides the real import"
        );
    }

    #[test]
    fn exit_ends_only_that_program() {
        let ex = executor(2000);
        let runs = ex.run_batch(
            &[
                "def transform(g):\n    raise SystemExit(3)\n",
                "def transform(g):\n    exit()\n",
                "def transform(g):\n    return g\n",
            ],
            inputs(),
        );
        assert_eq!(
            runs[0].outputs[0].as_ref().unwrap_err().name(),
            "SystemExit"
        );
        assert_eq!(
            runs[1].outputs[0].as_ref().unwrap_err().name(),
            "SystemExit"
        );
        assert!(runs[2].outputs[0].is_ok());
    }

    #[test]
    fn a_program_cannot_change_what_the_next_one_sees() {
        // One worker, so both programs run in the same interpreter, one after the other.
        let ex = Executor::new(ExecConfig {
            timeout: Duration::from_secs(2),
            workers: 1,
            recursion_limit: 200,
            max_steps: DEFAULT_MAX_STEPS,
            process: None,
        })
        .unwrap();
        let vandal = "import math, collections\nmath.pi = 3\ncollections.Counter = None\nb = __builtins__\nif isinstance(b, dict):\n    b['len'] = None\nelse:\n    b.len = None\ndef transform(g):\n    return g\n";
        let victim = "import math, collections\ndef transform(g):\n    c = collections.Counter([1, 1])\n    return [[len(g), int(math.pi > 3.1), c[1]]]\n";
        let runs = ex.run_batch(&[vandal, victim], inputs());
        assert!(runs[0].outputs[0].is_ok());
        assert_eq!(runs[1].outputs[0], Ok(Grid(vec![vec![2, 1, 2]])));
    }

    #[test]
    fn every_error_kind_round_trips_through_json() {
        let errors = [
            ExecError::Timeout,
            ExecError::Exception {
                name: "IndexError".into(),
                message: "m".into(),
            },
            ExecError::InvalidOutput("x".into()),
            ExecError::WorkerLost("y".into()),
        ];
        for e in errors {
            let text = serde_json::to_string(&e).unwrap();
            assert_eq!(serde_json::from_str::<ExecError>(&text).unwrap(), e);
        }
    }

    #[test]
    fn identical_programs_run_once_and_share_results() {
        let ex = executor(2000);
        let code = "def transform(g):\n    return g\n";
        let runs = ex.run_batch(&[code, code, code], inputs());
        assert_eq!(runs.len(), 3);
        assert!(runs.iter().all(|r| r.outputs == runs[0].outputs));
    }
}
