//! The refinement prompt (`soar-refine-v1`) reproduces the seed runner's five rendered examples
//! byte for byte, both from the spec's recorded outputs and from the outputs the executor gives
//! when it really runs each draft program; `arc-solver prompt --refine` prints the same text.

mod common;

use arc_solver::exec::{ExecConfig, Executor};
use arc_solver::prompt::{Draft, PromptTemplate, REFINE_PROMPT_VERSION};
use arc_solver::task::{parse_challenges, Grid, Task};
use serde_json::Value;
use std::sync::Arc;

fn spec() -> Value {
    let path = common::prompt_fixtures().join("soar-refine-prompt.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn fixture_tasks() -> Vec<Task> {
    let path = common::prompt_fixtures().join("tasks.json");
    parse_challenges(&std::fs::read_to_string(&path).unwrap(), &path).unwrap()
}

fn grids(v: &Value) -> Vec<Option<Grid>> {
    serde_json::from_value(v.clone()).unwrap()
}

#[test]
fn template_texts_are_the_specs() {
    let spec = spec();
    let template = PromptTemplate::load(REFINE_PROMPT_VERSION).unwrap();
    assert_eq!(template.system, spec["system"].as_str().unwrap());
    assert_eq!(
        template.user_template,
        spec["user_template"].as_str().unwrap()
    );
}

#[test]
fn five_golden_refinement_prompts_match_byte_for_byte() {
    let spec = spec();
    let template = PromptTemplate::load(REFINE_PROMPT_VERSION).unwrap();
    let tasks = fixture_tasks();
    let examples = spec["examples"].as_array().unwrap();
    assert_eq!(examples.len(), 5);
    for ex in examples {
        let id = ex["task_id"].as_str().unwrap();
        let case = ex["case"].as_str().unwrap();
        let task = tasks.iter().find(|t| t.id == id).expect("task in fixtures");
        let (train, test) = (grids(&ex["predicted_train"]), grids(&ex["predicted_test"]));
        let draft = Draft {
            code: ex["draft_program"].as_str().unwrap(),
            train_outputs: &train,
            test_outputs: &test,
        };
        let prompt = template.render_refinement(task, &draft);
        assert_eq!(prompt.system, ex["system"].as_str().unwrap(), "{case}");
        assert_eq!(prompt.user, ex["user"].as_str().unwrap(), "{case}");
    }
}

#[test]
fn executed_drafts_give_the_golden_prompts() {
    let spec = spec();
    let template = PromptTemplate::load(REFINE_PROMPT_VERSION).unwrap();
    let tasks = fixture_tasks();
    let executor = Executor::new(ExecConfig {
        workers: 1,
        ..ExecConfig::default()
    })
    .unwrap();
    for ex in spec["examples"].as_array().unwrap() {
        let id = ex["task_id"].as_str().unwrap();
        let task = tasks.iter().find(|t| t.id == id).unwrap();
        let code = ex["draft_program"].as_str().unwrap();
        let run = executor.run(code, Arc::new(task.all_inputs()));
        let outputs: Vec<Option<Grid>> = run.outputs.into_iter().map(Result::ok).collect();
        let (train, test) = outputs.split_at(task.train.len());
        assert_eq!(train, grids(&ex["predicted_train"]), "{id}");
        let draft = Draft {
            code,
            train_outputs: train,
            test_outputs: test,
        };
        let prompt = template.render_refinement(task, &draft);
        assert_eq!(prompt.user, ex["user"].as_str().unwrap(), "{}", ex["case"]);
    }
}

#[test]
fn the_prompt_command_runs_the_program_and_prints_the_refinement_prompt() {
    let spec = spec();
    let ex = &spec["examples"][4];
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("draft.py"),
        ex["draft_program"].as_str().unwrap(),
    )
    .unwrap();
    std::fs::copy(
        common::prompt_fixtures().join("tasks.json"),
        dir.path().join("arc-agi_evaluation_challenges.json"),
    )
    .unwrap();
    let out = common::run_in(
        dir.path(),
        &[
            "prompt",
            "--data-root",
            ".",
            "--tasks",
            ex["task_id"].as_str().unwrap(),
            "--refine",
            "draft.py",
            "--json",
            "--in-process",
        ],
    );
    assert!(out.status.success(), "{}", common::text(&out));
    let line: Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = line["text"].as_str().unwrap();
    assert!(
        text.contains(ex["user"].as_str().unwrap()),
        "{}",
        common::text(&out)
    );
    assert!(text.starts_with("<|im_start|>system\n"));
    // A missing program file is a clear error naming it.
    let out = common::run_in(
        dir.path(),
        &[
            "prompt",
            "--data-root",
            ".",
            "--tasks",
            "d037b0a7",
            "--refine",
            "nope.py",
        ],
    );
    assert!(!out.status.success());
    assert!(
        common::text(&out).contains("nope.py"),
        "{}",
        common::text(&out)
    );
}
