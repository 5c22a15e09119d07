//! `bench prefix` runs a refinement round with and without prompt-prefix sharing, prints its table
//! and writes JSON whose counts follow from the prompts' token counts.

mod common;

use common::{run_in, text};
use serde_json::Value;
use std::path::Path;

#[test]
fn bench_prefix_counts_the_prefill_saved_by_sharing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let (model, challenges) = (
        root.join("tests/fixtures/tiny-qwen2"),
        root.join("data/sample/arc-agi_evaluation_challenges.json"),
    );
    let out = run_in(
        dir.path(),
        &[
            "bench",
            "prefix",
            "--model",
            model.to_str().unwrap(),
            "--challenges",
            challenges.to_str().unwrap(),
            "--task",
            "77a7c71a",
            "--drafts",
            "2",
            "--samples",
            "2",
            "--max-new-tokens",
            "3",
            "--json",
            "prefix.json",
        ],
    );
    let printed = text(&out);
    assert!(out.status.success(), "{printed}");
    assert!(
        printed.contains("same tokens in every sample with and without sharing: yes"),
        "{printed}"
    );
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("prefix.json")).unwrap())
            .unwrap();
    let lengths: Vec<u64> = report["prompt_lengths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_u64().unwrap())
        .collect();
    let total: u64 = lengths.iter().sum();
    let task_part = report["task_part_tokens"].as_u64().unwrap();
    let rows = report["rows"].as_array().unwrap();
    let (off, on) = (&rows[0], &rows[1]);
    assert_eq!(off["sharing"], false);
    assert_eq!(on["sharing"], true);
    let n = |row: &Value, key: &str| row[key].as_u64().unwrap();
    assert_eq!(n(off, "prefill_tokens"), total);
    assert_eq!(n(off, "shared_prompt_tokens"), 0);
    // The second draft finds the first one's task part (give or take the token its last newline
    // merges into) in the arena, and at most everything but its own last token.
    let shared = n(on, "shared_prompt_tokens");
    assert!(
        shared + 2 >= task_part && shared < lengths[1],
        "{shared} shared, task part {task_part}"
    );
    assert_eq!(n(on, "prefill_tokens"), total - shared);
    // Prompt KV falls in proportion; bytes per token from the run without sharing.
    let per_token = n(off, "prompt_kv_bytes") / total;
    assert_eq!(n(on, "prompt_kv_bytes"), (total - shared) * per_token);
    assert_eq!(
        n(off, "kv_bytes") - n(on, "kv_bytes"),
        shared * per_token,
        "sample rows cost the same"
    );
}
