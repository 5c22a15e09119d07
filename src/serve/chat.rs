//! `POST /v1/chat/completions` requests: parsing and validation, from the JSON body to what the
//! engine is asked for.

use super::http::ApiError;
use super::models::{ServedModel, ServedModels};
use crate::generate::local::chat::render_messages;
use crate::generate::local::logprobs::MAX_TOP_LOGPROBS;
use crate::generate::openai::wire::ChatCompletionRequest;
use crate::generate::SamplingParams;
use serde_json::{Map, Value};

/// Most choices one request may ask for.
pub const MAX_N: usize = 128;

/// Tokens generated per choice when the request names no limit (fewer when the prompt leaves
/// fewer of the model's positions). Every row reserves KV cache for its limit, so an unbounded
/// default would keep large requests waiting for room they never use.
pub const DEFAULT_MAX_TOKENS: usize = 4096;

/// A validated request.
pub struct ChatJob<'m> {
    /// The model that answers.
    pub model: &'m ServedModel,
    /// The rendered conversation, encoded.
    pub prompt: Vec<u32>,
    /// Choices wanted.
    pub n: usize,
    /// How to sample (seed, stop strings and length included).
    pub sampling: SamplingParams,
    /// Alternatives per position when log-probabilities are asked for.
    pub logprobs: Option<usize>,
    /// Answer as server-sent events.
    pub stream: bool,
    /// Streaming: end with a chunk holding the usage.
    pub include_usage: bool,
}

/// Parses and checks a request body. Errors are 400 (with the offending `param`), or 404 for a
/// model that is not served.
pub fn parse<'m>(body: &[u8], models: &'m ServedModels) -> Result<ChatJob<'m>, ApiError> {
    let req: ChatCompletionRequest = serde_json::from_slice(body)
        .map_err(|e| ApiError::invalid(None, format!("The body is not a valid request: {e}")))?;
    let model = models
        .find(&req.model)
        .ok_or_else(|| ApiError::model_not_found(&req.model, &models.names()))?;
    let n = req.n.unwrap_or(1);
    if n == 0 || n > MAX_N {
        return Err(ApiError::invalid(
            Some("n"),
            format!("n must be between 1 and {MAX_N}, not {n}"),
        ));
    }
    let logprobs = logprobs(&req)?;
    let temperature = req.temperature.unwrap_or(1.0);
    if temperature.is_nan() || temperature < 0.0 {
        return Err(ApiError::invalid(
            Some("temperature"),
            format!("temperature must be at least 0, not {temperature}"),
        ));
    }
    let top_p = req.top_p.unwrap_or(1.0);
    // Negated so that NaN fails too.
    if !(top_p > 0.0 && top_p <= 1.0) {
        return Err(ApiError::invalid(
            Some("top_p"),
            format!("top_p must be in (0, 1], not {top_p}"),
        ));
    }
    let min_p = req.min_p.unwrap_or(0.0);
    if !(0.0..=1.0).contains(&min_p) {
        return Err(ApiError::invalid(
            Some("min_p"),
            format!("min_p must be in [0, 1], not {min_p}"),
        ));
    }
    let no_think = enable_thinking(&req.extra).map_or(model.generator.no_think(), |on| !on);
    let prompt = encode_messages(&req, model, no_think)?;
    let positions = model.generator.max_positions();
    if prompt.len() >= positions {
        return Err(ApiError::invalid(
            Some("messages"),
            format!(
                "The prompt is {} tokens; the model has {positions} positions",
                prompt.len()
            ),
        ));
    }
    let room = positions - prompt.len();
    let (limit_param, limit) = match (req.max_completion_tokens, req.max_tokens) {
        (Some(m), _) => ("max_completion_tokens", Some(m)),
        (None, m) => ("max_tokens", m),
    };
    let max_new_tokens = match limit {
        None => room.min(DEFAULT_MAX_TOKENS),
        Some(m) if m == 0 || m > room => {
            return Err(ApiError::invalid(
                Some(limit_param),
                format!(
                    "{limit_param} must be between 1 and {room} (the model's {positions} \
                     positions less the {}-token prompt), not {m}",
                    prompt.len()
                ),
            ))
        }
        Some(m) => m,
    };
    let stream = req.stream.unwrap_or(false);
    Ok(ChatJob {
        model,
        prompt,
        n,
        sampling: SamplingParams {
            temperature,
            top_p,
            // vLLM's convention: -1 (or any k <= 0) switches top-k off.
            top_k: req.top_k.and_then(|k| usize::try_from(k).ok()).unwrap_or(0),
            min_p,
            max_new_tokens,
            // An unseeded request draws a seed; its choices still use one stream each.
            seed: req.seed.unwrap_or_else(rand::random),
            stop: req.stop.map(|s| s.into_vec()).unwrap_or_default(),
        },
        logprobs,
        stream,
        include_usage: stream && req.stream_options.is_some_and(|o| o.include_usage),
    })
}

/// `logprobs` and `top_logprobs`: the alternatives wanted per position, when log-probabilities
/// are asked for.
fn logprobs(req: &ChatCompletionRequest) -> Result<Option<usize>, ApiError> {
    let wanted = req.logprobs.unwrap_or(false);
    match req.top_logprobs {
        Some(k) if k > MAX_TOP_LOGPROBS => Err(ApiError::invalid(
            Some("top_logprobs"),
            format!("top_logprobs must be between 0 and {MAX_TOP_LOGPROBS}, not {k}"),
        )),
        Some(k) if k > 0 && !wanted => Err(ApiError::invalid(
            Some("top_logprobs"),
            "top_logprobs needs logprobs to be true",
        )),
        top => Ok(wanted.then(|| top.unwrap_or(0))),
    }
}

/// `chat_template_kwargs.enable_thinking` (vLLM's switch for Qwen3's no-think form), if given.
fn enable_thinking(extra: &Map<String, Value>) -> Option<bool> {
    extra
        .get("chat_template_kwargs")?
        .get("enable_thinking")?
        .as_bool()
}

/// Renders the messages with the ChatML template (see [`render_messages`]) and encodes them.
/// `developer` is OpenAI's newer name for `system`.
fn encode_messages(
    req: &ChatCompletionRequest,
    model: &ServedModel,
    no_think: bool,
) -> Result<Vec<u32>, ApiError> {
    if req.messages.is_empty() {
        return Err(ApiError::invalid(
            Some("messages"),
            "messages must not be empty",
        ));
    }
    let mut messages = Vec::with_capacity(req.messages.len());
    for (i, m) in req.messages.iter().enumerate() {
        let role = match m.role.as_str() {
            "system" | "developer" => "system",
            "user" => "user",
            "assistant" => "assistant",
            other => {
                return Err(ApiError::invalid(
                    Some(&format!("messages.[{i}].role")),
                    format!(
                        "Unsupported role {other:?}: use system (or developer), user or assistant"
                    ),
                ))
            }
        };
        messages.push((role, m.content_text()));
    }
    let text = render_messages(
        messages
            .iter()
            .map(|(role, content)| (*role, content.as_str())),
        no_think,
    );
    model
        .generator
        .tokenizer()
        .encode(&text)
        .map_err(|e| ApiError::invalid(Some("messages"), e.to_string()))
}
