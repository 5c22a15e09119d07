//! `solve --backend local` end to end on the tiny fixture model (CPU): the pipeline runs, several
//! `--lora` adapters are evaluated in one invocation with labelled results, a hub id resolves from
//! an offline Hugging Face cache, and bad model arguments fail cleanly.

mod common;

use common::{fixture, text};
use serde_json::Value;
use std::path::Path;

fn solve_json(dir: &Path, model: &str, extra: &[&str], env: &[(&str, &Path)]) -> (bool, String) {
    let mut cmd = std::process::Command::new(common::bin());
    cmd.current_dir(dir)
        .env_remove("ARC_DATA_ROOT")
        .env_remove("ARC_PROGRAMS_DB")
        .args(["solve", "--model", model, "--attempts", "3"])
        .args(["--max-new-tokens", "12", "--json", "--in-process"])
        .args(extra);
    // Defaults the caller did not set.
    for (flag, value) in [("--limit", "2"), ("--devices", "cpu")] {
        if !extra.contains(&flag) {
            cmd.args([flag, value]);
        }
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (out.status.success(), text(&out))
}

fn stdout_json(text: &str) -> Value {
    let start = text.find('{').expect("JSON on stdout");
    let end = text.rfind('}').unwrap();
    serde_json::from_str(&text[start..=end]).unwrap()
}

#[test]
fn local_backend_runs_the_pipeline() {
    let dir = tempfile::tempdir().unwrap();
    let model = fixture("tiny-qwen2");
    // Two engines (both on the CPU here; one per GPU with `--devices 0,1`) share the tasks.
    let (ok, out) = solve_json(
        dir.path(),
        model.to_str().unwrap(),
        &["--devices", "cpu,cpu"],
        &[],
    );
    assert!(ok, "{out}");
    let json = stdout_json(&out);
    let run = &json["runs"][0];
    assert_eq!(run["run"]["backend"], "local", "{run}");
    assert_eq!(run["run"]["model"], "tiny-qwen2");
    let m = &run["metrics"];
    assert_eq!(m["attempts"], 6, "{m}");
    // A random model writes no program; no attempt failed in the backend.
    assert_eq!(m["api_failure_rate"], 0.0, "{m}");
    let tokens = m["completion_tokens"].as_u64().unwrap();
    assert!(tokens > 0 && tokens <= 6 * 12, "{tokens}");
    // The prompt is counted once per task, not once per sample.
    let prompt = m["prompt_tokens"].as_u64().unwrap();
    assert!(prompt > 1000 && prompt < 6000, "{prompt}");
    let sub: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("submission.json")).unwrap())
            .unwrap();
    assert_eq!(sub.as_object().unwrap().len(), 2, "one entry per task");
}

#[test]
fn several_adapters_are_evaluated_in_turn() {
    let dir = tempfile::tempdir().unwrap();
    // A second adapter: the same weights under another name.
    let second = dir.path().join("second");
    std::fs::create_dir(&second).unwrap();
    for f in ["adapter_config.json", "adapter_model.safetensors"] {
        std::fs::copy(fixture("tiny-qwen2-lora").join(f), second.join(f)).unwrap();
    }
    let lora = fixture("tiny-qwen2-lora");
    let (ok, out) = solve_json(
        dir.path(),
        fixture("tiny-qwen2").to_str().unwrap(),
        &["--lora", lora.to_str().unwrap(), "--lora", "second"],
        &[],
    );
    assert!(ok, "{out}");
    let json = stdout_json(&out);
    let adapters = json["adapters"].as_array().expect("one entry per adapter");
    let models: Vec<&str> = adapters
        .iter()
        .map(|a| a["model"].as_str().unwrap())
        .collect();
    assert_eq!(models, ["tiny-qwen2+tiny-qwen2-lora", "tiny-qwen2+second"]);
    for a in adapters {
        assert_eq!(a["runs"][0]["metrics"]["attempts"], 6);
    }
    assert!(dir.path().join("submission.tiny-qwen2-lora.json").is_file());
    assert!(dir.path().join("submission.second.json").is_file());
}

#[test]
fn hub_id_resolves_from_an_offline_cache() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("hf");
    let repo = home.join("hub/models--Qwen--Tiny-Qwen2");
    let snapshot = repo.join("snapshots/0123456789abcdef");
    std::fs::create_dir_all(&snapshot).unwrap();
    std::fs::create_dir_all(repo.join("refs")).unwrap();
    std::fs::write(repo.join("refs/main"), "0123456789abcdef").unwrap();
    for f in [
        "config.json",
        "generation_config.json",
        "model.safetensors",
        "tokenizer.json",
    ] {
        let target = std::fs::canonicalize(fixture("tiny-qwen2").join(f)).unwrap();
        std::os::unix::fs::symlink(target, snapshot.join(f)).unwrap();
    }
    let (ok, out) = solve_json(
        dir.path(),
        "Qwen/Tiny-Qwen2",
        &["--limit", "1"],
        &[("HF_HOME", &home)],
    );
    assert!(ok, "{out}");
    assert_eq!(
        stdout_json(&out)["runs"][0]["run"]["model"],
        "Qwen/Tiny-Qwen2"
    );
    // Not cached, no download allowed: a clear error naming the cache.
    let (ok, out) = solve_json(dir.path(), "Qwen/Missing", &[], &[("HF_HOME", &home)]);
    assert!(!ok);
    assert!(
        out.contains("not in the Hugging Face cache") && out.contains("--allow-download"),
        "{out}"
    );
}

#[test]
fn bad_model_arguments_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out) = solve_json(dir.path(), "no/such/dir/either", &[], &[]);
    assert!(!ok && !out.contains("panicked"), "{out}");
    // A directory with a config of another architecture.
    let bad = dir.path().join("llama");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(
        bad.join("config.json"),
        r#"{"model_type":"llama","vocab_size":8,"hidden_size":4,"intermediate_size":4,"num_hidden_layers":1,"num_attention_heads":2}"#,
    )
    .unwrap();
    let (ok, out) = solve_json(dir.path(), bad.to_str().unwrap(), &[], &[]);
    assert!(!ok && out.contains("unsupported architecture"), "{out}");
    // Weights that do not match the config.
    let wrong = dir.path().join("wrong");
    std::fs::create_dir(&wrong).unwrap();
    let cfg = std::fs::read_to_string(fixture("tiny-qwen2/config.json"))
        .unwrap()
        .replace("\"hidden_size\": 16", "\"hidden_size\": 32");
    std::fs::write(wrong.join("config.json"), cfg).unwrap();
    for f in ["model.safetensors", "tokenizer.json"] {
        std::fs::copy(fixture("tiny-qwen2").join(f), wrong.join(f)).unwrap();
    }
    let (ok, out) = solve_json(dir.path(), wrong.to_str().unwrap(), &[], &[]);
    assert!(!ok && out.contains("do not match config.json"), "{out}");
    // An adapter without a local model.
    let out = common::run_in(dir.path(), &["solve", "--lora", "x", "--limit", "1"]);
    assert!(
        !out.status.success() && text(&out).contains("--lora needs"),
        "{}",
        text(&out)
    );
    // A GPU in a CPU-only build.
    if !cfg!(feature = "cuda") {
        let (ok, out) = solve_json(
            dir.path(),
            fixture("tiny-qwen2").to_str().unwrap(),
            &["--devices", "0"],
            &[],
        );
        assert!(!ok && out.contains("without the `cuda` feature"), "{out}");
    }
}
