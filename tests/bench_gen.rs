//! `bench gen` prints its table on the CPU and its JSON counts what was asked for.

mod common;

use common::{run_in, text};
use serde_json::Value;

#[test]
fn bench_gen_measures_shared_and_independent_batches() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(
        dir.path(),
        &[
            "bench",
            "gen",
            "--config",
            "tiny",
            "--prompt-tokens",
            "48",
            "--batches",
            "1,4",
            "--decode-steps",
            "3",
            "--json",
            "gen.json",
        ],
    );
    let printed = text(&out);
    assert!(out.status.success(), "{printed}");
    assert!(
        printed.contains("roofline") && printed.contains("independent"),
        "{printed}"
    );
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("gen.json")).unwrap())
            .unwrap();
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    for row in rows {
        let b = row["batch"].as_u64().unwrap();
        // Every sample decodes exactly the asked steps (no eos without a tokenizer).
        assert_eq!(row["decode_tokens"].as_u64().unwrap(), 3 * b, "{row}");
        // Shared: one prompt prefilled; independent: one per sample.
        let prompts = if row["mode"] == "shared" { 1 } else { b };
        assert_eq!(
            row["prefill_tokens"].as_u64().unwrap(),
            48 * prompts,
            "{row}"
        );
        assert!(row["kv_bytes"].as_u64().unwrap() > 0);
    }
    assert!(report["bandwidth"].as_f64().unwrap() > 0.0);
    // Bad arguments fail cleanly.
    let bad = run_in(dir.path(), &["bench", "gen", "--config", "gpt-9"]);
    assert!(!bad.status.success() && text(&bad).contains("built-in shape"));
}
