//! What differs between OpenAI-compatible endpoints: how a reasoning budget is asked for, which
//! sampling fields they accept, and the sampling defaults that suit them.

use super::wire::{ChatCompletionRequest, ChatMessage, StopSpec};
use crate::generate::SamplingParams;
use crate::prompt::Prompt;
use clap::ValueEnum;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// Kind of endpoint, which decides the dialect of reasoning and sampling fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum EndpointKind {
    /// api.openai.com: `reasoning_effort`, `max_completion_tokens`, no `top_k`/`min_p`.
    Openai,
    /// openrouter.ai: `reasoning: {max_tokens}`, accepts `top_k` and `min_p`.
    Openrouter,
    /// Alibaba DashScope (compatible mode): `enable_thinking` + `thinking_budget`, `top_k`.
    Dashscope,
    /// vLLM, SGLang, `arc-solver serve`, …: every vLLM sampling field, `chat_template_kwargs`.
    SelfHosted,
}

impl EndpointKind {
    /// Guesses the kind from the base URL's host.
    pub fn detect(base_url: &str) -> EndpointKind {
        let host = base_url
            .split("://")
            .nth(1)
            .unwrap_or(base_url)
            .split(['/', ':'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if host.ends_with("openai.com") {
            EndpointKind::Openai
        } else if host.ends_with("openrouter.ai") {
            EndpointKind::Openrouter
        } else if host.contains("dashscope") {
            EndpointKind::Dashscope
        } else {
            EndpointKind::SelfHosted
        }
    }

    /// Hosted services (billed per token, shared prefix caches out of our hands).
    pub fn is_hosted(self) -> bool {
        self != EndpointKind::SelfHosted
    }

    fn accepts_top_k(self) -> bool {
        self != EndpointKind::Openai
    }

    fn accepts_min_p(self) -> bool {
        matches!(self, EndpointKind::Openrouter | EndpointKind::SelfHosted)
    }

    /// Sampling defaults for flags the user left unset: self-hosted servers get min-p 0.05 (sent
    /// in the body); hosted ones top-p 0.9 and, where accepted, top-k 50.
    pub fn sampling_defaults(self) -> SamplingDefaults {
        match self {
            EndpointKind::SelfHosted => SamplingDefaults {
                top_p: 1.0,
                top_k: 0,
                min_p: 0.05,
            },
            kind => SamplingDefaults {
                top_p: 0.9,
                top_k: if kind.accepts_top_k() { 50 } else { 0 },
                min_p: 0.0,
            },
        }
    }
}

/// Defaults of the sampling flags for one endpoint kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SamplingDefaults {
    /// Nucleus mass.
    pub top_p: f32,
    /// Top-k (0 = off).
    pub top_k: usize,
    /// Min-p (0 = off).
    pub min_p: f32,
}

/// `--reasoning-effort`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ReasoningEffort {
    /// 2k reasoning tokens where a budget is asked for in tokens.
    Low,
    /// 8k reasoning tokens.
    Medium,
    /// 32k reasoning tokens.
    High,
}

impl ReasoningEffort {
    /// Token budget for endpoints that take one (OpenRouter, DashScope).
    pub fn budget_tokens(self) -> usize {
        match self {
            ReasoningEffort::Low => 2048,
            ReasoningEffort::Medium => 8192,
            ReasoningEffort::High => 32768,
        }
    }

    fn name(self) -> &'static str {
        match self {
            ReasoningEffort::Low => "low",
            ReasoningEffort::Medium => "medium",
            ReasoningEffort::High => "high",
        }
    }
}

/// Room for the answer after a reasoning budget, where `max_tokens` must cover both.
pub const ANSWER_TOKENS: usize = 4096;

/// `max_tokens` for self-hosted endpoints when neither `--max-tokens` nor an effort is given.
pub const DEFAULT_MAX_TOKENS: usize = 4096;

/// Everything that shapes a request body besides the prompt, `n` and the seed.
#[derive(Clone, Debug, Serialize)]
pub struct RequestShape {
    /// Endpoint dialect.
    pub kind: EndpointKind,
    /// Name sent as `model` (the adapter's name with `--lora-adapter`).
    pub model: String,
    /// `--reasoning-effort`.
    pub effort: Option<ReasoningEffort>,
    /// `--max-tokens`: the token limit, replacing the effort's budget where one is sent.
    pub max_tokens: Option<usize>,
    /// Qwen3-style thinking off.
    pub no_think: bool,
}

impl RequestShape {
    /// The reasoning budget in tokens sent to budget-style endpoints.
    fn budget(&self) -> Option<usize> {
        self.max_tokens
            .or(self.effort.map(ReasoningEffort::budget_tokens))
    }

    /// The `max_tokens` a request carries (`None`: not sent, the endpoint's own limit applies).
    pub fn max_tokens_sent(&self) -> Option<usize> {
        match self.kind {
            EndpointKind::Openai => self.max_tokens,
            EndpointKind::Openrouter | EndpointKind::Dashscope => {
                match (self.effort, self.budget()) {
                    // The budget covers reasoning; the answer needs room after it.
                    (Some(_), Some(b)) => Some(b + ANSWER_TOKENS),
                    (None, b) => b.or(Some(DEFAULT_MAX_TOKENS)),
                    (Some(_), None) => None,
                }
            }
            EndpointKind::SelfHosted => Some(self.max_tokens.unwrap_or(DEFAULT_MAX_TOKENS)),
        }
    }

    /// The request body for one prompt.
    pub fn build(
        &self,
        prompt: &Prompt,
        n: usize,
        seed: u64,
        sampling: &SamplingParams,
    ) -> ChatCompletionRequest {
        let mut messages = Vec::with_capacity(2);
        if !prompt.system.is_empty() {
            messages.push(ChatMessage::new("system", prompt.system.clone()));
        }
        messages.push(ChatMessage::new("user", prompt.user.clone()));
        let reasoning_model = self.kind == EndpointKind::Openai && self.effort.is_some();
        let mut req = ChatCompletionRequest {
            model: self.model.clone(),
            messages,
            n: (n != 1).then_some(n),
            seed: Some(seed),
            stop: (!sampling.stop.is_empty()).then(|| StopSpec::Many(sampling.stop.clone())),
            ..ChatCompletionRequest::default()
        };
        // OpenAI's reasoning models reject temperature and top_p other than their defaults.
        if !reasoning_model {
            req.temperature = Some(sampling.temperature);
            req.top_p = (sampling.top_p < 1.0).then_some(sampling.top_p);
        }
        if self.kind.accepts_top_k() && sampling.top_k > 0 {
            req.top_k = Some(sampling.top_k as i64);
        }
        if self.kind.accepts_min_p() && sampling.min_p > 0.0 {
            req.min_p = Some(sampling.min_p);
        }
        let max_tokens = self.max_tokens_sent();
        let extra: &mut Map<String, Value> = &mut req.extra;
        match self.kind {
            EndpointKind::Openai => {
                req.max_completion_tokens = max_tokens;
                req.reasoning_effort = self.effort.map(|e| e.name().to_string());
            }
            EndpointKind::Openrouter => {
                req.max_tokens = max_tokens;
                if let (Some(_), Some(b)) = (self.effort, self.budget()) {
                    extra.insert("reasoning".into(), json!({ "max_tokens": b }));
                }
            }
            EndpointKind::Dashscope => {
                req.max_tokens = max_tokens;
                if self.no_think {
                    extra.insert("enable_thinking".into(), json!(false));
                } else if let (Some(_), Some(b)) = (self.effort, self.budget()) {
                    extra.insert("enable_thinking".into(), json!(true));
                    extra.insert("thinking_budget".into(), json!(b));
                }
            }
            EndpointKind::SelfHosted => {
                req.max_tokens = max_tokens;
                req.reasoning_effort = self.effort.map(|e| e.name().to_string());
            }
        }
        if self.no_think && self.kind != EndpointKind::Dashscope {
            extra.insert(
                "chat_template_kwargs".into(),
                json!({ "enable_thinking": false }),
            );
        }
        req
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prompt() -> Prompt {
        Prompt {
            version: "t".into(),
            system: "S".into(),
            user: "U".into(),
        }
    }

    fn shape(kind: EndpointKind, effort: Option<ReasoningEffort>) -> RequestShape {
        RequestShape {
            kind,
            model: "m".into(),
            effort,
            max_tokens: None,
            no_think: false,
        }
    }

    fn body(shape: &RequestShape) -> Value {
        let d = shape.kind.sampling_defaults();
        let sampling = SamplingParams {
            temperature: 0.7,
            top_p: d.top_p,
            top_k: d.top_k,
            min_p: d.min_p,
            ..SamplingParams::default()
        };
        serde_json::to_value(shape.build(&prompt(), 4, 9, &sampling)).unwrap()
    }

    #[test]
    fn kinds_are_detected_from_the_host() {
        use EndpointKind::*;
        assert_eq!(EndpointKind::detect("https://api.openai.com/v1"), Openai);
        assert_eq!(
            EndpointKind::detect("https://openrouter.ai/api/v1"),
            Openrouter
        );
        assert_eq!(
            EndpointKind::detect("https://dashscope-intl.aliyuncs.com/compatible-mode/v1"),
            Dashscope
        );
        assert_eq!(EndpointKind::detect("http://127.0.0.1:8000/v1"), SelfHosted);
        assert_eq!(EndpointKind::detect("localhost:8000"), SelfHosted);
    }

    #[test]
    fn effort_maps_per_endpoint() {
        use EndpointKind::*;
        let b = body(&shape(Openai, Some(ReasoningEffort::High)));
        assert_eq!(b["reasoning_effort"], "high");
        assert!(b.get("temperature").is_none() && b.get("top_p").is_none());
        assert!(b.get("max_tokens").is_none() && b.get("top_k").is_none());
        let b = body(&shape(Openrouter, Some(ReasoningEffort::Medium)));
        assert_eq!(b["reasoning"]["max_tokens"], 8192);
        assert_eq!(b["max_tokens"], 8192 + ANSWER_TOKENS);
        assert_eq!((b["top_p"].as_f64().unwrap() * 10.0).round(), 9.0);
        assert_eq!(b["top_k"], 50);
        let b = body(&shape(Dashscope, Some(ReasoningEffort::Low)));
        assert_eq!(b["thinking_budget"], 2048);
        assert_eq!(b["enable_thinking"], true);
        let b = body(&shape(SelfHosted, None));
        assert_eq!((b["min_p"].as_f64().unwrap() * 100.0).round(), 5.0);
        assert_eq!(b["max_tokens"], DEFAULT_MAX_TOKENS);
        assert!(b.get("top_p").is_none() && b.get("reasoning_effort").is_none());
        assert_eq!(b["n"], 4);
        assert_eq!(b["seed"], 9);
        assert_eq!(b["messages"][0]["role"], "system");
        assert_eq!(b["messages"][1]["content"], "U");
    }

    #[test]
    fn max_tokens_replaces_the_effort_budget() {
        let mut s = shape(EndpointKind::Openrouter, Some(ReasoningEffort::High));
        s.max_tokens = Some(1000);
        let b = body(&s);
        assert_eq!(b["reasoning"]["max_tokens"], 1000);
        assert_eq!(b["max_tokens"], 1000 + ANSWER_TOKENS);
        let mut s = shape(EndpointKind::Openai, Some(ReasoningEffort::Low));
        s.max_tokens = Some(3000);
        assert_eq!(body(&s)["max_completion_tokens"], 3000);
        let mut s = shape(EndpointKind::SelfHosted, None);
        s.max_tokens = Some(77);
        assert_eq!(body(&s)["max_tokens"], 77);
    }

    #[test]
    fn no_think_uses_the_chat_template_switch_or_dashscope_flag() {
        let mut s = shape(EndpointKind::SelfHosted, None);
        s.no_think = true;
        assert_eq!(body(&s)["chat_template_kwargs"]["enable_thinking"], false);
        let mut s = shape(EndpointKind::Dashscope, Some(ReasoningEffort::High));
        s.no_think = true;
        let b = body(&s);
        assert_eq!(b["enable_thinking"], false);
        assert!(b.get("thinking_budget").is_none());
    }
}
