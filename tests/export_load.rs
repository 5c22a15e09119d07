//! Loads every kind of export in both formats with `datasets` and `pyarrow`, the way a fine-tuning
//! script would (scripts/check_export_load.py): row counts, chat messages, grids.
//!
//! Needs a Python with `datasets` and `pyarrow` (scripts/install-test-deps.sh installs them into
//! `$TEST_VENV`, default /work/venv-test), so it is ignored by default.

mod common;
mod export_support;

use export_support::{export_every_kind, library_store};
use std::path::{Path, PathBuf};
use std::process::Command;

fn python() -> PathBuf {
    let venv = std::env::var_os("TEST_VENV")
        .map_or_else(|| PathBuf::from("/work/venv-test"), PathBuf::from);
    let python = venv.join("bin/python");
    let works = Command::new(&python)
        .args(["-c", "import datasets, pyarrow"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        works,
        "this test needs python3 with datasets and pyarrow: {} cannot import them (run \
         scripts/install-test-deps.sh, or set TEST_VENV to a venv from scripts/requirements-test.txt)",
        python.display()
    );
    python
}

#[test]
#[ignore = "needs python3 with datasets and pyarrow (scripts/requirements-test.txt)"]
fn datasets_and_pyarrow_load_every_export() {
    let python = python();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    library_store(d, &[]);
    let dirs: Vec<_> = export_every_kind(d, "0.4")
        .into_iter()
        .map(|(_, _, out)| out)
        .collect();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/check_export_load.py");
    let out = Command::new(&python)
        .arg(&script)
        .args(&dirs)
        .env("HF_DATASETS_CACHE", d.join("hf-cache"))
        .env("HF_HOME", d.join("hf-home"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6, "{stdout}");
    for line in &lines {
        assert!(line["rows"]["train"].as_u64().unwrap() > 0, "{line}");
        assert!(line["rows"]["validation"].as_u64().unwrap() > 0, "{line}");
    }
}
