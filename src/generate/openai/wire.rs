//! The OpenAI chat-completions wire format, shared by the `openai` client backend and `serve`.
//!
//! Deserialisation is lenient in the ways real servers differ: `content` may be null or a list of
//! text parts, reasoning comes as `reasoning_content` (vLLM, DashScope) or `reasoning`
//! (OpenRouter), and unknown fields are ignored. Request fields a server does not model are kept
//! in [`ChatCompletionRequest::extra`].

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A message's content: a string, or a list of parts of which the text ones count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum MessageContent {
    /// Plain text.
    Text(String),
    /// Content parts (`{"type": "text", "text": …}`; other types carry no text).
    Parts(Vec<ContentPart>),
}

/// One content part.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContentPart {
    /// Part type (`text`, `image_url`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// The text of a `text` part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl MessageContent {
    /// The text: the string, or the text parts joined.
    pub fn text(&self) -> String {
        match self {
            MessageContent::Text(t) => t.clone(),
            MessageContent::Parts(parts) => parts
                .iter()
                .filter(|p| p.kind == "text")
                .filter_map(|p| p.text.as_deref())
                .collect(),
        }
    }
}

/// A chat message, in a request or as a choice's answer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatMessage {
    /// `system`, `user` or `assistant`.
    pub role: String,
    /// The text (null in some answers that carry only reasoning or tool calls).
    #[serde(default)]
    pub content: Option<MessageContent>,
    /// Reasoning text as vLLM, SGLang and DashScope return it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning_content: Option<String>,
    /// Reasoning text as OpenRouter returns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
}

impl ChatMessage {
    /// A message with plain-text content.
    pub fn new(role: &str, content: impl Into<String>) -> ChatMessage {
        ChatMessage {
            role: role.to_string(),
            content: Some(MessageContent::Text(content.into())),
            ..ChatMessage::default()
        }
    }

    /// The content as text (empty when null).
    pub fn content_text(&self) -> String {
        self.content
            .as_ref()
            .map(MessageContent::text)
            .unwrap_or_default()
    }

    /// Reasoning text under either name.
    pub fn reasoning_text(&self) -> Option<&str> {
        self.reasoning_content
            .as_deref()
            .or(self.reasoning.as_deref())
            .filter(|r| !r.is_empty())
    }
}

/// `stop`: one string or several.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum StopSpec {
    /// One stop string.
    One(String),
    /// Several stop strings.
    Many(Vec<String>),
}

impl StopSpec {
    /// The stop strings as a list.
    pub fn into_vec(self) -> Vec<String> {
        match self {
            StopSpec::One(s) => vec![s],
            StopSpec::Many(v) => v,
        }
    }
}

/// `stream_options`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StreamOptions {
    /// Send a last chunk with the usage.
    #[serde(default)]
    pub include_usage: bool,
}

/// `POST /v1/chat/completions` body.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatCompletionRequest {
    /// Model (or adapter) name.
    pub model: String,
    /// The conversation.
    pub messages: Vec<ChatMessage>,
    /// Choices wanted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<usize>,
    /// Softmax temperature; 0 is greedy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f32>,
    /// Nucleus mass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f32>,
    /// Top-k (vLLM extension; -1 or 0 is off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_k: Option<i64>,
    /// Min-p (vLLM extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_p: Option<f32>,
    /// Most tokens to generate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<usize>,
    /// Newer name of `max_tokens` (OpenAI reasoning models).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_completion_tokens: Option<usize>,
    /// Stop strings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop: Option<StopSpec>,
    /// Sampling seed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Return the chosen tokens' log-probabilities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<bool>,
    /// Also return this many most likely alternatives per position (needs `logprobs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_logprobs: Option<usize>,
    /// Answer as server-sent events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream: Option<bool>,
    /// Streaming options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_options: Option<StreamOptions>,
    /// OpenAI reasoning models: `low`, `medium` or `high`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning_effort: Option<String>,
    /// Every other field (`reasoning`, `chat_template_kwargs`, `thinking_budget`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Token counts of a response.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    /// Prompt tokens (once per request, whatever `n` is).
    #[serde(default)]
    pub prompt_tokens: u64,
    /// Generated tokens over all choices.
    #[serde(default)]
    pub completion_tokens: u64,
    /// Their sum.
    #[serde(default)]
    pub total_tokens: u64,
}

/// One alternative token at a position.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopLogprob {
    /// The token's text (lossy UTF-8).
    pub token: String,
    /// Natural-log probability.
    pub logprob: f32,
    /// The token's raw bytes.
    #[serde(default)]
    pub bytes: Option<Vec<u8>>,
}

/// The chosen token at one position.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TokenLogprob {
    /// The token's text (lossy UTF-8).
    pub token: String,
    /// Natural-log probability.
    pub logprob: f32,
    /// The token's raw bytes.
    #[serde(default)]
    pub bytes: Option<Vec<u8>>,
    /// The most likely tokens at this position, most likely first.
    #[serde(default)]
    pub top_logprobs: Vec<TopLogprob>,
}

/// `logprobs` of a choice.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChoiceLogprobs {
    /// One entry per generated token.
    #[serde(default)]
    pub content: Option<Vec<TokenLogprob>>,
}

/// One choice of a response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    /// Choice number.
    #[serde(default)]
    pub index: usize,
    /// The answer.
    #[serde(default)]
    pub message: ChatMessage,
    /// `stop`, `length`, `content_filter`, … (null while unknown).
    #[serde(default)]
    pub finish_reason: Option<String>,
    /// Token log-probabilities, when asked for.
    #[serde(default)]
    pub logprobs: Option<ChoiceLogprobs>,
}

/// `POST /v1/chat/completions` answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChatCompletionResponse {
    /// Response id.
    #[serde(default)]
    pub id: String,
    /// `chat.completion`.
    #[serde(default)]
    pub object: String,
    /// Unix seconds.
    #[serde(default)]
    pub created: u64,
    /// Model that answered.
    #[serde(default)]
    pub model: String,
    /// The choices.
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// Token counts.
    #[serde(default)]
    pub usage: Option<Usage>,
}

/// The new part of a streamed choice.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Delta {
    /// `assistant` in a choice's first chunk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// New text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

/// One choice of a streamed chunk.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChunkChoice {
    /// Choice number.
    pub index: usize,
    /// What is new.
    pub delta: Delta,
    /// Log-probabilities of the new tokens, when asked for.
    #[serde(default)]
    pub logprobs: Option<ChoiceLogprobs>,
    /// Set in the choice's last chunk.
    pub finish_reason: Option<String>,
}

/// One server-sent event of a streamed answer (`chat.completion.chunk`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChatCompletionChunk {
    /// Response id (the same in every chunk).
    pub id: String,
    /// `chat.completion.chunk`.
    pub object: String,
    /// Unix seconds.
    pub created: u64,
    /// Model that answers.
    pub model: String,
    /// The choices with news (empty in the usage chunk).
    pub choices: Vec<ChunkChoice>,
    /// Token counts, in the last chunk with `stream_options.include_usage`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
}

/// An error answer: `{"error": {...}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Human-readable message.
    pub message: String,
    /// `invalid_request_error`, `not_found_error`, `server_error`, …
    #[serde(rename = "type", default)]
    pub kind: String,
    /// The offending parameter, if one.
    #[serde(default)]
    pub param: Option<String>,
    /// Machine-readable code (`model_not_found`, …).
    #[serde(default)]
    pub code: Option<String>,
}

/// One entry of `GET /v1/models`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelCard {
    /// Name to send as `model`.
    pub id: String,
    /// `model`.
    pub object: String,
    /// Unix seconds.
    pub created: u64,
    /// Owner.
    pub owned_by: String,
}

/// `GET /v1/models` answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelList {
    /// `list`.
    pub object: String,
    /// The models.
    pub data: Vec<ModelCard>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_parse_with_reasoning_under_either_name_and_null_content() {
        let body = r#"{"id":"x","choices":[
            {"index":0,"message":{"role":"assistant","content":null,"reasoning_content":"think"},"finish_reason":"length"},
            {"index":1,"message":{"role":"assistant","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}],"reasoning":"r"},"finish_reason":"stop"}],
            "usage":{"prompt_tokens":10,"completion_tokens":7,"total_tokens":17},"unknown":1}"#;
        let r: ChatCompletionResponse = serde_json::from_str(body).unwrap();
        assert_eq!(r.choices[0].message.content_text(), "");
        assert_eq!(r.choices[0].message.reasoning_text(), Some("think"));
        assert_eq!(r.choices[1].message.content_text(), "ab");
        assert_eq!(r.choices[1].message.reasoning_text(), Some("r"));
        assert_eq!(r.usage.unwrap().completion_tokens, 7);
    }

    #[test]
    fn requests_keep_unknown_fields_and_omit_unset_ones() {
        let body = r#"{"model":"m","messages":[{"role":"user","content":"hi"}],"stop":"x",
            "chat_template_kwargs":{"enable_thinking":false}}"#;
        let r: ChatCompletionRequest = serde_json::from_str(body).unwrap();
        assert_eq!(r.stop.clone().unwrap().into_vec(), vec!["x".to_string()]);
        assert_eq!(r.extra["chat_template_kwargs"]["enable_thinking"], false);
        let out = serde_json::to_value(&r).unwrap();
        assert!(out.get("n").is_none() && out.get("seed").is_none());
        assert_eq!(out["chat_template_kwargs"]["enable_thinking"], false);
    }
}
