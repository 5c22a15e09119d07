//! The `arc-solver` binary: parses the command line and reports errors; all work is in the library.
use std::process::ExitCode;

fn main() -> ExitCode {
    match arc_solver::cli::main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
