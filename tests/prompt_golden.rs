//! The default prompt reproduces the published SOAR prompt byte for byte on its three examples.

mod common;

use arc_solver::prompt::{PromptTemplate, DEFAULT_PROMPT_VERSION};
use arc_solver::task::{load_split, Split};
use std::path::Path;

#[test]
fn three_golden_prompts_match_byte_for_byte() {
    let spec_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/specs/soar-prompt.json");
    let spec: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&spec_path).unwrap()).unwrap();
    let template = PromptTemplate::load(DEFAULT_PROMPT_VERSION).unwrap();
    assert_eq!(template.system, spec["system"].as_str().unwrap());
    assert_eq!(
        template.user_template,
        spec["user_template"].as_str().unwrap()
    );
    // The examples were rendered from the Kaggle files: two from ARC-AGI-1's copy of a task, one from
    // ARC-AGI-2's (which orders some train pairs differently), so each must match one of the copies.
    let mut all = Vec::new();
    for dataset in ["arc-prize-2024", "arc-prize-2025"] {
        let root = common::arc_data().join(dataset);
        all.extend(load_split(&root, Split::Training).unwrap());
        all.extend(load_split(&root, Split::Evaluation).unwrap());
    }
    let examples = spec["examples"].as_array().unwrap();
    assert_eq!(examples.len(), 3);
    for ex in examples {
        let id = ex["task_id"].as_str().unwrap();
        let copies: Vec<_> = all.iter().filter(|t| t.id == id).collect();
        assert!(!copies.is_empty(), "task {id} not found");
        let prompts: Vec<_> = copies.iter().map(|t| template.render(t)).collect();
        for p in &prompts {
            assert_eq!(p.system, ex["system"].as_str().unwrap(), "{id} system");
        }
        let want = ex["user"].as_str().unwrap();
        assert!(
            prompts.iter().any(|p| p.user == want),
            "{id}: no copy renders the golden user message; first copy:\n{}",
            prompts[0].user
        );
    }
}
