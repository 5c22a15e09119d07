//! Stopping a program never breaks the interpreter: 10,000 stops in one interpreter, each landing
//! somewhere inside randomly generated `try`/`except`/`finally`/`with`/generator nests that try to
//! swallow it, by the step budget (at every depth of the run, and in the middle of native numpy
//! work inside handlers) and by the wall-time deadline (at whatever instruction the watchdog finds
//! the program in). Every run must end as a `Timeout`, none may panic (the debug build checks the
//! value stack, which an interrupt inside a handler's set-up used to underflow), and the
//! interpreter must still run ordinary exception handling correctly afterwards.

use arc_solver::exec::budget::UNLIMITED;
use arc_solver::exec::vm::PythonVm;
use arc_solver::exec::watchdog::{InterruptSlot, Watchdog};
use arc_solver::exec::{ExecConfig, ExecError};
use arc_solver::task::Grid;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::fmt::Write;
use std::sync::Arc;
use std::time::Duration;

/// Helpers every generated program starts with: a context manager that suppresses everything, a
/// function with a `finally`, a generator with handlers around its `yield`.
const HEADER: &str = "\
import numpy as np
class CM:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return True
def h(x):
    try:
        return x + 1
    except BaseException:
        return x
    finally:
        x -= 1
def gen(n):
    try:
        for i in range(n):
            try:
                yield i
            except ValueError:
                pass
    finally:
        n = 0
";

/// Random statement nests, the way `try` blocks nest in LLM-written code and worse.
struct Nest {
    rng: StdRng,
    out: String,
    /// Inside a `finally` body, where the generator writes no comprehension, no `continue` or
    /// `break` and no `with`: RustPython 0.5's compiler (rustpython-codegen, not the patched
    /// interpreter) fails on a comprehension there when the `try` body jumps out ("no symbol
    /// table available") and on some jumps out of a `finally` inside handlers (a debug
    /// assertion, "POP_BLOCK with empty except stack"), and a `with` that raises inside nested
    /// `finally` bodies gets a wrong exception table ("CopyItem: stack underflow" without any
    /// stop). Those are compiler bugs, not stopping bugs.
    in_finally: bool,
}

impl Nest {
    fn line(&mut self, indent: usize, text: &str) {
        let _ = writeln!(self.out, "{}{text}", "    ".repeat(indent));
    }

    fn block(&mut self, indent: usize, depth: usize, in_loop: bool) {
        // Small programs: each of the 10,000 runs compiles its program afresh.
        let most = if depth == 0 { 3 } else { 2 };
        for _ in 0..self.rng.gen_range(1..=most) {
            self.statement(indent, depth, in_loop);
        }
    }

    fn finally_block(&mut self, indent: usize, depth: usize, in_loop: bool) {
        let outer = std::mem::replace(&mut self.in_finally, true);
        self.block(indent, depth, in_loop);
        self.in_finally = outer;
    }

    fn handler(&mut self) -> &'static str {
        const CLAUSES: [&str; 6] = [
            "except ValueError:",
            "except (KeyError, ZeroDivisionError) as e:",
            "except Exception:",
            "except BaseException:",
            "except:",
            "except KeyboardInterrupt:",
        ];
        CLAUSES[self.rng.gen_range(0..CLAUSES.len())]
    }

    fn statement(&mut self, indent: usize, depth: usize, in_loop: bool) {
        let compound = depth < 3 && self.rng.gen_bool(0.6);
        if !compound {
            const SIMPLE: [&str; 9] = [
                "x += 1",
                "x = h(x)",
                "x += int(np.zeros((x % 7 + 1) * 40).sum())",
                "raise ValueError(x)",
                "x = {}[x]",
                "x = 1 // (x - x)",
                "x += sum(gen(3))",
                "x = [v for v in range(4)][x % 4]",
                "pass",
            ];
            let i = self.rng.gen_range(0..SIMPLE.len() + 2);
            match i {
                _ if self.in_finally && SIMPLE.get(i).is_some_and(|s| s.contains(" for ")) => {
                    self.line(indent, "x += 2")
                }
                _ if i < SIMPLE.len() => self.line(indent, SIMPLE[i]),
                _ if in_loop && !self.in_finally && i == SIMPLE.len() => {
                    self.line(indent, "continue")
                }
                _ if in_loop && !self.in_finally => self.line(indent, "break"),
                _ => self.line(indent, "x -= 1"),
            }
            return;
        }
        match self.rng.gen_range(0..6) {
            0 | 1 => {
                self.line(indent, "try:");
                self.block(indent + 1, depth + 1, in_loop);
                for _ in 0..self.rng.gen_range(1..=2) {
                    let clause = self.handler();
                    self.line(indent, clause);
                    self.block(indent + 1, depth + 1, in_loop);
                }
                if self.rng.gen_bool(0.3) {
                    self.line(indent, "else:");
                    self.block(indent + 1, depth + 1, in_loop);
                }
                if self.rng.gen_bool(0.5) {
                    self.line(indent, "finally:");
                    self.finally_block(indent + 1, depth + 1, in_loop);
                }
            }
            2 => {
                self.line(indent, "try:");
                self.block(indent + 1, depth + 1, in_loop);
                self.line(indent, "finally:");
                self.finally_block(indent + 1, depth + 1, in_loop);
            }
            3 if !self.in_finally => {
                self.line(indent, "with CM():");
                self.block(indent + 1, depth + 1, in_loop);
            }
            4 => {
                self.line(indent, "for i in range(3):");
                self.block(indent + 1, depth + 1, true);
            }
            _ => {
                self.line(indent, "for v in gen(2):");
                self.block(indent + 1, depth + 1, true);
            }
        }
    }

    /// A program whose `transform` loops forever, swallowing every exception it can.
    fn program(&mut self) -> String {
        self.out = String::from(HEADER);
        self.out += "def transform(g):\n    x = 0\n    while True:\n        try:\n";
        // Not `in_loop`: a `break` here would end `transform`.
        self.block(3, 0, false);
        self.out += "        except BaseException:\n            x += 1\n";
        std::mem::take(&mut self.out)
    }
}

/// Runs after every batch of stops: ordinary handlers still work and no exception is left set.
const SANE: &str = "\
import sys
def transform(g):
    assert sys.exc_info()[0] is None
    out = []
    for v in [1, 0, 2]:
        try:
            out.append(6 // v)
        except ZeroDivisionError:
            out.append(0)
        finally:
            out.append(1)
    assert sys.exc_info()[0] is None
    return [out]
";

#[test]
fn ten_thousand_stops_inside_handler_nests_in_one_interpreter() {
    // Like an executor worker: one thread with a large stack, one interpreter, one watchdog.
    let worker = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(stop_many_times)
        .unwrap();
    worker.join().expect("the worker thread panicked");
}

fn stop_many_times() {
    const PROGRAMS: usize = 250;
    const BUDGET_STOPS_PER_PROGRAM: usize = 36;
    const DEADLINE_STOPS_PER_PROGRAM: usize = 4;
    let slot = Arc::new(InterruptSlot::default());
    let python = PythonVm::new(Arc::clone(&slot)).unwrap();
    let _watchdog = Watchdog::spawn(vec![Arc::clone(&slot)]).unwrap();
    let inputs = vec![Grid(vec![vec![1, 2], vec![3, 4]]), Grid(vec![vec![5]])];
    let mut nest = Nest {
        rng: StdRng::seed_from_u64(15),
        out: String::new(),
        in_finally: false,
    };
    let config = |timeout: Duration, max_steps: u64| ExecConfig {
        timeout,
        workers: 1,
        recursion_limit: 200,
        max_steps,
        process: None,
    };
    let mut stops = 0;
    let mut panics = Vec::new();
    for p in 0..PROGRAMS {
        let code = nest.program();
        let mut runs = Vec::new();
        for _ in 0..BUDGET_STOPS_PER_PROGRAM {
            // Budgets from a handful of steps (module level) to thousands (deep in the loop).
            let steps = 1u64 << nest.rng.gen_range(0..13);
            let steps = steps + nest.rng.gen_range(0..steps);
            runs.push(config(Duration::from_secs(60), steps));
        }
        for _ in 0..DEADLINE_STOPS_PER_PROGRAM {
            let micros = nest.rng.gen_range(200..4000);
            runs.push(config(Duration::from_micros(micros), UNLIMITED));
        }
        for cfg in &runs {
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                python.run(&code, &inputs, cfg)
            }));
            stops += 1;
            match run {
                Ok(result) => {
                    for output in &result.outputs {
                        assert_eq!(
                            output,
                            &Err(ExecError::Timeout),
                            "program {p}, max_steps {}, timeout {:?}:\n{code}",
                            cfg.max_steps,
                            cfg.timeout
                        );
                    }
                    if cfg.max_steps != UNLIMITED {
                        assert!(result.steps > cfg.max_steps, "{} steps", result.steps);
                    }
                }
                Err(_) => {
                    panics.push(format!("max_steps {}\n{code}", cfg.max_steps));
                    break;
                }
            }
        }
        assert!(
            panics.is_empty(),
            "the interpreter panicked:\n{}",
            panics[0]
        );
        if p % 25 == 24 {
            let sane = python.run(SANE, &inputs, &config(Duration::from_secs(10), 100_000));
            assert_eq!(
                sane.outputs[0],
                Ok(Grid(vec![vec![6, 1, 0, 1, 3, 1]])),
                "after program {p}"
            );
        }
    }
    assert_eq!(stops, 10_000);
}
