//! Qwen's ChatML chat template: the text a chat model is prompted with.

use crate::prompt::Prompt;

/// Appended after the assistant header by Qwen3's template when thinking is switched off.
pub const NO_THINK_PREFIX: &str = "<think>\n\n</think>\n\n";

/// Renders system and user messages as ChatML followed by the assistant generation prompt
/// (`<|im_start|>role\n…<|im_end|>\n` per message, then `<|im_start|>assistant\n`). With `no_think`
/// the empty think block of Qwen3's `enable_thinking=False` form follows, so the model answers
/// directly. The same text as [`render_messages`] of `[("system", …), ("user", …)]`.
pub fn render_chatml(prompt: &Prompt, no_think: bool) -> String {
    render_messages(
        [
            ("system", prompt.system.as_str()),
            ("user", prompt.user.as_str()),
        ],
        no_think,
    )
}

/// Renders a conversation of `(role, content)` messages as ChatML followed by the assistant
/// generation prompt, as Qwen's chat template does without tools. No system message is added
/// when there is none (Qwen2.5's template would add a default one; the local backend never
/// did), and a system message with empty content is left out, as [`render_chatml`] leaves out
/// an empty system prompt: a client that sends the local backend's system and user messages
/// gets exactly the tokens the local backend prompts with.
pub fn render_messages<'a>(
    messages: impl IntoIterator<Item = (&'a str, &'a str)>,
    no_think: bool,
) -> String {
    let mut text = String::new();
    for (role, content) in messages {
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

    #[test]
    fn conversations_render_message_by_message() {
        assert_eq!(
            render_messages([("system", "S"), ("user", "U")], false),
            render_chatml(&prompt("S", "U"), false)
        );
        assert_eq!(
            render_messages([("system", ""), ("user", "U")], true),
            render_chatml(&prompt("", "U"), true)
        );
        assert_eq!(
            render_messages([("user", "a"), ("assistant", "b"), ("user", "c")], false),
            "<|im_start|>user\na<|im_end|>\n<|im_start|>assistant\nb<|im_end|>\n\
             <|im_start|>user\nc<|im_end|>\n<|im_start|>assistant\n"
        );
    }
}
