//! Extracting the `transform(grid)` program from a model completion.
//!
//! Order of search: the answer text (outside `<think>…</think>`), then the completion's own thinking,
//! then a separate reasoning text. Within a text: the last ```` ```python ```` block that defines
//! `transform`, else the last other fenced block that does, else a bare `def transform` in prose.

use serde::{Deserialize, Serialize};

/// Where in the completion the program was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CodeSource {
    /// The answer text.
    Answer,
    /// Inside `<think>…</think>` of the completion.
    Thinking,
    /// The backend's separate reasoning field.
    Reasoning,
    /// The program was given directly (replay of bare programs).
    Direct,
}

/// How the program was delimited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CodeForm {
    /// A fenced block tagged python/py/python3.
    PythonBlock,
    /// A fenced block with another or no tag.
    OtherBlock,
    /// An unfenced `def transform` in prose.
    Bare,
    /// Given directly.
    Direct,
}

/// An extracted program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtractedCode {
    /// Python source.
    pub code: String,
    /// Which text it came from.
    pub source: CodeSource,
    /// How it was delimited.
    pub form: CodeForm,
}

/// Splits a completion into (answer, thinking): `<think>…</think>` spans are removed from the answer;
/// an unclosed `<think>` runs to the end. A leading `…</think>` without an opening tag (chat templates
/// that open the think block in the prompt) counts as thinking too.
pub fn split_thinking(text: &str) -> (String, String) {
    let mut answer = String::new();
    let mut thinking = String::new();
    let mut rest = text;
    // Closing tag before any opening tag: everything before it was thinking.
    if let Some(close) = rest.find("</think>") {
        if rest.find("<think>").is_none_or(|open| open > close) {
            thinking.push_str(&rest[..close]);
            rest = &rest[close + "</think>".len()..];
        }
    }
    while let Some(open) = rest.find("<think>") {
        answer.push_str(&rest[..open]);
        let after = &rest[open + "<think>".len()..];
        match after.find("</think>") {
            Some(close) => {
                thinking.push_str(&after[..close]);
                thinking.push('\n');
                rest = &after[close + "</think>".len()..];
            }
            None => {
                thinking.push_str(after);
                rest = "";
            }
        }
    }
    answer.push_str(rest);
    (answer, thinking)
}

/// A fenced block: its info string (language tag) and body.
#[derive(Debug, PartialEq, Eq)]
struct Fence<'a> {
    tag: &'a str,
    body: String,
}

/// Fenced blocks in order. An unclosed final block (a truncated completion) runs to the end.
fn fenced_blocks(text: &str) -> Vec<Fence<'_>> {
    let mut blocks = Vec::new();
    let mut current: Option<(&str, Vec<&str>)> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        match current.as_mut() {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    current = Some((info.trim(), Vec::new()));
                }
            }
            Some((tag, body)) => {
                if trimmed.trim_end() == "```" {
                    blocks.push(Fence {
                        tag,
                        body: body.join("\n"),
                    });
                    current = None;
                } else {
                    body.push(line);
                }
            }
        }
    }
    if let Some((tag, body)) = current {
        blocks.push(Fence {
            tag,
            body: body.join("\n"),
        });
    }
    blocks
}

/// Whether source text defines a top-level or nested `transform` function.
pub fn defines_transform(code: &str) -> bool {
    code.lines().any(|l| {
        let t = l.trim_start();
        let t = t.strip_prefix("async ").unwrap_or(t);
        t.strip_prefix("def ")
            .map(str::trim_start)
            .is_some_and(|r| {
                r.strip_prefix("transform")
                    .is_some_and(|r| r.trim_start().starts_with('('))
            })
    })
}

fn is_python_tag(tag: &str) -> bool {
    let lang = tag
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(lang.as_str(), "python" | "py" | "python3")
}

/// An unfenced `def transform`: imports found earlier in the text, then the function and what
/// follows it while it still looks like code.
fn bare_transform(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .rposition(|l| l.starts_with("def ") && defines_transform(l))?;
    let imports = lines[..start]
        .iter()
        .filter(|l| l.starts_with("import ") || l.starts_with("from "))
        .copied();
    let mut body = vec![lines[start]];
    for line in &lines[start + 1..] {
        let code_like = line.trim().is_empty()
            || line.starts_with([' ', '\t', '#', '@', ')', ']', '}'])
            || ["def ", "class ", "import ", "from ", "return "]
                .iter()
                .any(|p| line.starts_with(p))
            || line.split_once('=').is_some_and(|(lhs, _)| {
                lhs.trim()
                    .chars()
                    .all(|c| c.is_alphanumeric() || "_, ".contains(c))
            });
        if !code_like {
            break;
        }
        body.push(line);
    }
    let code: Vec<&str> = imports.chain(body).collect();
    Some(code.join("\n").trim_end().to_string())
}

/// Finds a program in one text.
fn extract_from_text(text: &str) -> Option<(String, CodeForm)> {
    let blocks = fenced_blocks(text);
    let python = blocks
        .iter()
        .rev()
        .find(|b| is_python_tag(b.tag) && defines_transform(&b.body));
    if let Some(b) = python {
        return Some((b.body.clone(), CodeForm::PythonBlock));
    }
    if let Some(b) = blocks.iter().rev().find(|b| defines_transform(&b.body)) {
        return Some((b.body.clone(), CodeForm::OtherBlock));
    }
    bare_transform(text).map(|c| (c, CodeForm::Bare))
}

/// Extracts the program from a completion text and an optional separate reasoning text.
pub fn extract_code(text: &str, reasoning: Option<&str>) -> Option<ExtractedCode> {
    let (answer, thinking) = split_thinking(text);
    let candidates = [
        (answer.as_str(), CodeSource::Answer),
        (thinking.as_str(), CodeSource::Thinking),
        (reasoning.unwrap_or(""), CodeSource::Reasoning),
    ];
    for (t, source) in candidates {
        if let Some((code, form)) = extract_from_text(t) {
            return Some(ExtractedCode { code, source, form });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: &str = "```";

    fn code(text: &str) -> Option<String> {
        extract_code(text, None).map(|e| e.code)
    }

    #[test]
    fn last_python_block_defining_transform_wins() {
        let t = format!(
            "a\n{F}python\ndef transform(g):\n    return 1\n{F}\nb\n{F}python\ndef transform(g):\n    return 2\n{F}\n{F}python\nprint('x')\n{F}\n"
        );
        assert_eq!(code(&t).unwrap(), "def transform(g):\n    return 2");
    }

    #[test]
    fn think_is_dropped() {
        let t = format!(
            "<think>\n{F}python\ndef transform(g):\n    return 'thought'\n{F}\n</think>\n{F}python\ndef transform(g):\n    return 'answer'\n{F}"
        );
        let e = extract_code(&t, None).unwrap();
        assert!(e.code.contains("answer"));
        assert_eq!(e.source, CodeSource::Answer);
    }

    #[test]
    fn falls_back_to_thinking_then_reasoning() {
        let t =
            format!("<think>{F}python\ndef transform(g):\n    return g\n{F}</think>no code here");
        assert_eq!(extract_code(&t, None).unwrap().source, CodeSource::Thinking);
        let r = format!("{F}python\ndef transform(g):\n    return g\n{F}");
        let e = extract_code("nothing", Some(&r)).unwrap();
        assert_eq!(e.source, CodeSource::Reasoning);
        assert!(extract_code("nothing", Some("still nothing")).is_none());
    }

    #[test]
    fn closing_think_without_opening_counts_as_thinking() {
        let t = format!("{F}python\ndef transform(g):\n    return 1\n{F}</think>\n{F}python\ndef transform(g):\n    return 2\n{F}");
        assert!(code(&t).unwrap().contains("return 2"));
    }

    #[test]
    fn other_fences_then_bare() {
        let t = format!("{F}\ndef transform(g):\n    return g\n{F}");
        let e = extract_code(&t, None).unwrap();
        assert_eq!(e.form, CodeForm::OtherBlock);
        let bare = "Here it is:\nimport math\ndef transform(grid):\n    x = 1\n\n    return grid\nThat is all.";
        let e = extract_code(bare, None).unwrap();
        assert_eq!(e.form, CodeForm::Bare);
        assert_eq!(
            e.code,
            "import math\ndef transform(grid):\n    x = 1\n\n    return grid"
        );
    }

    #[test]
    fn python_block_preferred_over_later_untagged_block() {
        let t = format!("{F}python\ndef transform(g):\n    return 1\n{F}\n{F}text\ndef transform(g):\n    return 2\n{F}");
        assert!(code(&t).unwrap().contains("return 1"));
    }

    #[test]
    fn truncated_block_is_still_extracted() {
        let t = format!("{F}python\ndef transform(g):\n    return [row for row in g");
        assert!(code(&t).unwrap().starts_with("def transform"));
    }

    #[test]
    fn no_code() {
        assert!(code("I cannot solve this.").is_none());
        assert!(code(&format!("{F}python\nprint(1)\n{F}")).is_none());
        assert!(code("def transformer(x): pass").is_none());
    }

    #[test]
    fn indented_fences_and_py_tag() {
        let t = format!("  {F}py\ndef transform(g):\n    return g\n  {F}");
        assert_eq!(extract_code(&t, None).unwrap().form, CodeForm::PythonBlock);
    }
}
