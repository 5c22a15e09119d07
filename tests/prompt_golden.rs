//! The default prompt reproduces the published SOAR prompt byte for byte on its three examples.
//!
//! The examples and the tasks they were rendered from are the project's own fixtures
//! (`tests/fixtures/prompts`, written by `scripts/make_prompt_fixtures.py`); the ignored tests check
//! that those copies still equal `../shared/specs` and the ARC data sets.

mod common;

use arc_solver::prompt::{PromptTemplate, DEFAULT_PROMPT_VERSION};
use arc_solver::task::{load_split, parse_challenges, Split, Task};
use serde_json::Value;
use std::path::Path;

const SPEC_FILES: [&str; 2] = ["soar-prompt.json", "soar-refine-prompt.json"];

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The tasks the golden examples were rendered from.
fn fixture_tasks() -> Vec<Task> {
    let path = common::prompt_fixtures().join("tasks.json");
    parse_challenges(&std::fs::read_to_string(&path).unwrap(), &path).unwrap()
}

#[test]
fn three_golden_prompts_match_byte_for_byte() {
    let spec = read_json(&common::prompt_fixtures().join("soar-prompt.json"));
    let template = PromptTemplate::load(DEFAULT_PROMPT_VERSION).unwrap();
    assert_eq!(template.system, spec["system"].as_str().unwrap());
    assert_eq!(
        template.user_template,
        spec["user_template"].as_str().unwrap()
    );
    let tasks = fixture_tasks();
    let examples = spec["examples"].as_array().unwrap();
    assert_eq!(examples.len(), 3);
    for ex in examples {
        let id = ex["task_id"].as_str().unwrap();
        let task = tasks.iter().find(|t| t.id == id).expect("task in fixtures");
        let prompt = template.render(task);
        assert_eq!(prompt.system, ex["system"].as_str().unwrap(), "{id} system");
        assert_eq!(prompt.user, ex["user"].as_str().unwrap(), "{id} user");
    }
}

#[test]
#[ignore = "needs ../shared/specs (or ARC_SPECS_DIR): checks the golden copies against the specs"]
fn golden_fixtures_equal_the_shared_specs() {
    let specs = common::specs_dir();
    for name in SPEC_FILES {
        let ours = std::fs::read(common::prompt_fixtures().join(name)).unwrap();
        let theirs = std::fs::read(specs.join(name)).unwrap();
        assert!(
            ours == theirs,
            "tests/fixtures/prompts/{name} differs from {}: run scripts/make_prompt_fixtures.py",
            specs.join(name).display()
        );
    }
}

#[test]
#[ignore = "needs the ARC data sets: ARC_DATA_DIR (default ../shared/arc-data)"]
fn golden_fixture_tasks_equal_the_arc_data() {
    let sources = read_json(&common::prompt_fixtures().join("sources.json"));
    let data = common::arc_data();
    let tasks = fixture_tasks();
    assert_eq!(tasks.len(), sources.as_object().unwrap().len());
    for task in &tasks {
        let source = sources[&task.id].as_str().expect("every task has a source");
        let (dataset, split) = source.split_once('/').unwrap();
        let split = match split {
            "training" => Split::Training,
            "evaluation" => Split::Evaluation,
            other => panic!("unknown split {other}"),
        };
        let all = load_split(&data.join(dataset), split).unwrap();
        let original = all.iter().find(|t| t.id == task.id).expect("task in data");
        assert_eq!(original.train, task.train, "{}", task.id);
        assert_eq!(original.test, task.test, "{}", task.id);
    }
}
