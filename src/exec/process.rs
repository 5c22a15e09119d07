//! Worker processes: each executor worker can run its interpreter in a child process of this binary.
//!
//! Some failures cannot be contained inside one process: a program that asks for a huge allocation
//! (`[0] * 10**10`) makes the Rust allocator abort, and a program stuck inside one native call
//! (`sorted(range(10**9))`) never reaches a safe point where the interpreter could stop it. In a
//! child process the first is capped by an address-space limit and ends only the child
//! (reported as `MemoryError`), and the second is ended by killing the child (reported as `Timeout`).
//! The parent respawns the child and goes on.
//!
//! Protocol: one JSON line per request on the child's stdin ([`Request`]), one per response on its
//! stdout ([`ProgramResult`]).

use super::watchdog::{InterruptSlot, Watchdog};
use super::{vm::PythonVm, ExecConfig, ExecError, ProgramResult};
use crate::task::Grid;
use crossbeam_channel::{Receiver, RecvTimeoutError};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

/// How long past a program's own deadline the parent waits before killing the child.
const GRACE: Duration = Duration::from_secs(2);

/// The hidden subcommand that starts a worker process.
pub const WORKER_SUBCOMMAND: &str = "exec-worker";

/// One program to run, sent to the child.
#[derive(Serialize, Deserialize)]
pub struct Request {
    /// Python source.
    pub code: String,
    /// Inputs, in order.
    pub inputs: Vec<Grid>,
    /// Wall-time budget in milliseconds.
    pub timeout_ms: u64,
    /// Python recursion limit.
    pub recursion_limit: usize,
    /// Step budget for the program.
    pub max_steps: u64,
}

/// Settings of worker processes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcessConfig {
    /// The `arc-solver` binary to start with [`WORKER_SUBCOMMAND`].
    pub exe: PathBuf,
    /// Address-space limit of each worker process, in bytes.
    pub memory_limit: u64,
}

/// The parent's handle on one worker process.
pub struct ChildWorker {
    config: ProcessConfig,
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<String>,
}

impl ChildWorker {
    /// Starts a worker process and a thread that forwards its stdout lines.
    pub fn spawn(config: &ProcessConfig) -> anyhow::Result<ChildWorker> {
        let mut child = Command::new(&config.exe)
            .arg(WORKER_SUBCOMMAND)
            .arg("--memory-limit")
            .arg(config.memory_limit.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                anyhow::anyhow!("{}: cannot start worker process: {e}", config.exe.display())
            })?;
        let stdin = child
            .stdin
            .take()
            .ok_or_else(|| anyhow::anyhow!("worker has no stdin"))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| anyhow::anyhow!("worker has no stdout"))?;
        let (tx, lines) = crossbeam_channel::unbounded();
        std::thread::Builder::new()
            .name("exec-worker-reader".into())
            .spawn(move || {
                for line in BufReader::new(stdout).lines() {
                    let Ok(line) = line else { break };
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            })?;
        Ok(ChildWorker {
            config: config.clone(),
            child,
            stdin,
            lines,
        })
    }

    /// Runs one program in the child; a dead or stuck child is replaced.
    pub fn run(&mut self, code: &str, inputs: &[Grid], config: &ExecConfig) -> ProgramResult {
        let request = Request {
            code: code.to_string(),
            inputs: inputs.to_vec(),
            timeout_ms: config.timeout.as_millis() as u64,
            recursion_limit: config.recursion_limit,
            max_steps: config.max_steps,
        };
        let fail = |e: ExecError| ProgramResult::failed(inputs, e);
        let Ok(line) = serde_json::to_string(&request) else {
            return fail(ExecError::WorkerLost("cannot encode request".into()));
        };
        let sent = writeln!(self.stdin, "{line}").and_then(|()| self.stdin.flush());
        let answer = match sent {
            Ok(()) => self.lines.recv_timeout(config.timeout + GRACE),
            Err(_) => Err(RecvTimeoutError::Disconnected),
        };
        match answer {
            Ok(line) => match serde_json::from_str::<ProgramResult>(&line) {
                Ok(r) if r.outputs.len() == inputs.len() => r,
                _ => self.replace(fail(ExecError::WorkerLost(
                    "malformed worker response".into(),
                ))),
            },
            Err(RecvTimeoutError::Timeout) => self.replace(fail(ExecError::Timeout)),
            Err(RecvTimeoutError::Disconnected) => {
                // The child died while running this program: an allocation over its memory limit
                // aborts the process, which is by far the usual cause.
                let status = self.child.wait().ok();
                let killed_by_abort = status.is_some_and(|s| {
                    use std::os::unix::process::ExitStatusExt;
                    s.signal() == Some(6) || s.code() == Some(134)
                });
                let error = if killed_by_abort {
                    ExecError::Exception {
                        name: "MemoryError".into(),
                        message: "the program exceeded the worker's memory limit".into(),
                    }
                } else {
                    ExecError::WorkerLost(format!("worker process ended: {status:?}"))
                };
                self.replace(fail(error))
            }
        }
    }

    /// Kills the child, starts a fresh one, and passes `result` through.
    fn replace<T>(&mut self, result: T) -> T {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Ok(fresh) = ChildWorker::spawn(&self.config) {
            *self = fresh;
        }
        result
    }
}

impl Drop for ChildWorker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Caps this process's address space (the worker process calls it before building the VM).
fn limit_memory(bytes: u64) -> std::io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit reads a fully initialised struct and changes only this process's limits.
    let rc = unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// The worker process's main loop: requests on stdin, responses on stdout, until stdin closes.
/// Runs on a thread with the executor's large stack, as in-process workers do.
pub fn serve(memory_limit: u64) -> anyhow::Result<()> {
    // If the parent dies (even by SIGKILL), end this worker too instead of letting a program stuck
    // in native code run on as an orphan.
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_PDEATHSIG takes a signal number and changes only this process's settings.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
    }
    limit_memory(memory_limit)?;
    std::thread::Builder::new()
        .name("exec-worker".into())
        .stack_size(super::WORKER_STACK)
        .spawn(serve_loop)?
        .join()
        .map_err(|_| anyhow::anyhow!("worker thread panicked"))?
}

fn serve_loop() -> anyhow::Result<()> {
    let slot = Arc::new(InterruptSlot::default());
    let mut python = PythonVm::new(Arc::clone(&slot))?;
    let _watchdog = Watchdog::spawn(vec![Arc::clone(&slot)])?;
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let line = line?;
        let request: Request = serde_json::from_str(&line)?;
        let config = ExecConfig {
            timeout: Duration::from_millis(request.timeout_ms),
            workers: 1,
            recursion_limit: request.recursion_limit,
            max_steps: request.max_steps,
            ..ExecConfig::default()
        };
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            python.run(&request.code, &request.inputs, &config)
        }));
        let (result, broken) = match run {
            Ok(result) => (result, false),
            Err(_) => {
                let lost = ExecError::WorkerLost("interpreter panicked".into());
                (ProgramResult::failed(&request.inputs, lost), true)
            }
        };
        let response = serde_json::to_string(&result).unwrap_or_else(|e| {
            let lost = ExecError::WorkerLost(format!("cannot encode result: {e}"));
            serde_json::to_string(&ProgramResult::failed(&request.inputs, lost)).unwrap_or_default()
        });
        writeln!(stdout, "{response}")?;
        stdout.flush()?;
        if broken {
            // The interpreter may be inconsistent after a panic: continue with a fresh one.
            python = PythonVm::new(Arc::clone(&slot))?;
        }
    }
    Ok(())
}
