//! Qwen's ChatML chat template: the text a chat model is prompted with.

use crate::prompt::Prompt;

/// Appended after the assistant header by Qwen3's template when thinking is switched off.
pub const NO_THINK_PREFIX: &str = "<think>\n\n</think>\n\n";

/// Renders system and user messages as ChatML followed by the assistant generation prompt
/// (`<|im_start|>role\n…<|im_end|>\n` per message, then `<|im_start|>assistant\n`). With `no_think`
/// the empty think block of Qwen3's `enable_thinking=False` form follows, so the model answers
/// directly.
pub fn render_chatml(prompt: &Prompt, no_think: bool) -> String {
    let mut text = String::with_capacity(prompt.system.len() + prompt.user.len() + 96);
    for (role, content) in [("system", &prompt.system), ("user", &prompt.user)] {
        if role == "system" && content.is_empty() {
            continue;
        }
        text.push_str("<|im_start|>");
        text.push_str(role);
        text.push('\n');
        text.push_str(content);
        text.push_str("<|im_end|>\n");
    }
    text.push_str("<|im_start|>assistant\n");
    if no_think {
        text.push_str(NO_THINK_PREFIX);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prompt(system: &str, user: &str) -> Prompt {
        Prompt {
            version: "t".into(),
            system: system.into(),
            user: user.into(),
        }
    }

    #[test]
    fn chatml_layout_matches_qwen_template() {
        assert_eq!(
            render_chatml(&prompt("S", "U"), false),
            "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n"
        );
        assert_eq!(
            render_chatml(&prompt("", "U"), true),
            "<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n"
        );
    }
}
