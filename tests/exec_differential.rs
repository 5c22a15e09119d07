//! Differential test: the embedded executor (RustPython + native numpy/scipy.ndimage) must give the
//! same outputs and error names as CPython + numpy + scipy on the corpus in `tests/corpus`, whose
//! CPython results `scripts/reference_exec.py` wrote to `reference.jsonl`. Every program that still
//! differs must be listed, with its reason, under "Known differences" in `tests/corpus/README.md`.

mod common;

use common::{run_in, text};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Share of calls (program × input) that must match CPython exactly.
const REQUIRED_MATCH: f64 = 0.999;

/// Program ids in backticks on the list lines of the README's "Known differences" section.
fn documented_differences(readme: &str) -> Vec<String> {
    let Some(start) = readme.find("## Known differences") else {
        return Vec::new();
    };
    let section = &readme[start + 3..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    section
        .lines()
        .filter(|l| l.trim_start().starts_with("- `"))
        .filter_map(|l| l.split('`').nth(1).map(str::to_owned))
        .collect()
}

fn read_lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

#[test]
fn corpus_matches_cpython() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("embedded.jsonl");
    let programs = corpus.join("programs.jsonl");
    let challenges = corpus.join("challenges.json");
    // A wide wall budget: a loaded CI machine must not turn slow programs into time-outs (none of
    // the corpus programs loops forever; the step budget is left at its default).
    let out = run_in(
        dir.path(),
        &[
            "exec",
            "--programs",
            programs.to_str().unwrap(),
            "--challenges",
            challenges.to_str().unwrap(),
            "--out",
            out_path.to_str().unwrap(),
            "--timeout",
            "20",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let ours = read_lines(&out_path);
    let reference = read_lines(&corpus.join("reference.jsonl"));
    assert_eq!(ours.len(), reference.len(), "one line per program");
    assert!(
        reference.len() >= 950,
        "the corpus has at least 950 programs (waves 1-3)"
    );

    let (mut calls, mut same, mut timeouts) = (0usize, 0usize, 0usize);
    let mut mismatches: Vec<String> = Vec::new();
    let mut differing: Vec<String> = Vec::new();
    let mut by_reason: BTreeMap<String, usize> = BTreeMap::new();
    for (o, r) in ours.iter().zip(&reference) {
        assert_eq!(o["id"], r["id"]);
        let (o_out, r_out) = (
            o["outputs"].as_array().unwrap(),
            r["outputs"].as_array().unwrap(),
        );
        let (o_err, r_err) = (
            o["errors"].as_array().unwrap(),
            r["errors"].as_array().unwrap(),
        );
        assert_eq!(o_out.len(), r_out.len(), "{}", r["id"]);
        for i in 0..r_out.len() {
            calls += 1;
            if o_out[i] == r_out[i] && o_err[i] == r_err[i] {
                same += 1;
                continue;
            }
            if o_err[i] == "Timeout" && r_err[i] != "Timeout" {
                timeouts += 1;
            }
            let reason = format!("ours {} vs CPython {}", o_err[i], r_err[i]);
            *by_reason.entry(reason.clone()).or_default() += 1;
            mismatches.push(format!("{} input {i}: {reason}", r["id"]));
            let id = r["id"].as_str().unwrap_or_default().to_owned();
            if differing.last() != Some(&id) {
                differing.push(id);
            }
        }
    }
    let rate = same as f64 / calls as f64;
    eprintln!(
        "corpus: {same}/{calls} calls identical ({:.3} %); without the {timeouts} calls that run \
         out of steps or time here only: {:.3} %",
        100.0 * rate,
        100.0 * same as f64 / (calls - timeouts) as f64
    );
    for (reason, n) in &by_reason {
        eprintln!("  {n:4} × {reason}");
    }
    for m in mismatches.iter().take(40) {
        eprintln!("  {m}");
    }
    assert!(
        rate >= REQUIRED_MATCH,
        "only {same} of {calls} calls match CPython ({:.2} %)",
        100.0 * rate
    );
    let readme = std::fs::read_to_string(corpus.join("README.md")).expect("tests/corpus/README.md");
    let documented = documented_differences(&readme);
    let undocumented: Vec<&String> = differing
        .iter()
        .filter(|id| !documented.contains(id))
        .collect();
    assert!(
        undocumented.is_empty(),
        "programs that differ from CPython without a reason under \"Known differences\" in \
         tests/corpus/README.md: {undocumented:?}"
    );
    for id in documented.iter().filter(|id| !differing.contains(id)) {
        eprintln!("  note: {id} is listed as a known difference but now matches CPython");
    }
}

#[test]
fn known_differences_section_is_read() {
    let readme = "# x\n## Known differences\n\n- `975_a` input 3: Timeout (why)\n- not an id\n\n## Next\n- `999_b`\n";
    assert_eq!(documented_differences(readme), vec!["975_a".to_owned()]);
}
