//! Running a validated chat request on the engines and answering it: one JSON response, or a
//! stream of `chat.completion.chunk` events.

use super::chat::ChatJob;
use super::http::{ApiError, EventStream};
use super::models::unix_now;
use crate::generate::local::engine::{EngineEvent, RequestOptions};
use crate::generate::local::logprobs::TokenLogprobs;
use crate::generate::local::tokenizer::ChatTokenizer;
use crate::generate::local::{EngineGone, Submission};
use crate::generate::openai::wire::{
    ChatCompletionChunk, ChatCompletionResponse, ChatMessage, Choice, ChoiceLogprobs, ChunkChoice,
    Delta, TokenLogprob, TopLogprob, Usage,
};
use crate::generate::{Completion, FinishReason};

/// What a request used, for the log line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Outcome {
    /// HTTP status sent.
    pub status: u16,
    /// Token counts.
    pub usage: Usage,
    /// The client went away before the answer was complete.
    pub disconnected: bool,
}

/// A fresh response id.
fn response_id() -> String {
    format!("chatcmpl-{:024x}", rand::random::<u128>() >> 32)
}

fn submit(job: &mut ChatJob<'_>, stream: bool) -> Result<Submission, ApiError> {
    let options = RequestOptions {
        logprobs: job.logprobs,
        stream,
        cancel: None,
    };
    let prompt = std::mem::take(&mut job.prompt);
    job.model
        .generator
        .submit(prompt, job.n, job.sampling.clone(), options)
        .map_err(engine_gone)
}

fn engine_gone(e: EngineGone) -> ApiError {
    ApiError::unavailable(format!("{e}; restart the server"))
}

fn add_usage(usage: &mut Usage, completion: &Completion) {
    // The engine counts the prompt on sample 0 only: summing counts it once per request.
    usage.prompt_tokens += completion.prompt_tokens;
    usage.completion_tokens += completion.completion_tokens;
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
}

/// Generates every choice and builds the `chat.completion` answer.
pub fn complete(mut job: ChatJob<'_>) -> Result<ChatCompletionResponse, ApiError> {
    let mut submission = submit(&mut job, false)?;
    let tokenizer = job.model.generator.tokenizer();
    let mut choices: Vec<Option<Choice>> = vec![None; job.n];
    let mut usage = Usage::default();
    while let Some(event) = submission.next_event().map_err(engine_gone)? {
        match event {
            EngineEvent::Sample {
                index,
                completion,
                logprobs,
            } => {
                add_usage(&mut usage, &completion);
                if let Some(slot) = choices.get_mut(index) {
                    *slot = Some(Choice {
                        index,
                        message: ChatMessage::new("assistant", completion.text),
                        finish_reason: Some(finish_reason(completion.finish_reason).into()),
                        logprobs: logprobs.map(|l| wire_logprobs(tokenizer, &l)),
                    });
                }
            }
            EngineEvent::Failed(e) => return Err(ApiError::server(e)),
            EngineEvent::Delta { .. } => {}
        }
    }
    let choices: Option<Vec<Choice>> = choices.into_iter().collect();
    let choices = choices.ok_or_else(|| ApiError::server("the engine lost a choice"))?;
    Ok(ChatCompletionResponse {
        id: response_id(),
        object: "chat.completion".into(),
        created: unix_now(),
        model: job.model.name.clone(),
        choices,
        usage: Some(usage),
    })
}

/// Streams the choices as server-sent events: a first chunk per choice with the role, content
/// deltas as text becomes final, a chunk per choice with its finish reason, the usage chunk when
/// asked, then `[DONE]`. Failures after the stream started are sent as an `{"error": …}` event.
/// A client that goes away (a write fails) ends the request: dropping the submission cancels
/// its rows.
pub fn stream(mut job: ChatJob<'_>, request: tiny_http::Request) -> Outcome {
    let mut submission = match submit(&mut job, true) {
        Ok(s) => s,
        Err(e) => {
            super::http::respond_error(request, &e);
            return Outcome {
                status: e.status,
                ..Outcome::default()
            };
        }
    };
    let mut outcome = Outcome {
        status: 200,
        ..Outcome::default()
    };
    let Ok(mut events) = EventStream::start(request) else {
        outcome.disconnected = true;
        return outcome;
    };
    let chunk = ChunkWriter {
        id: response_id(),
        created: unix_now(),
        model: job.model.name.clone(),
        tokenizer: job.model.generator.tokenizer(),
    };
    let sent = run_stream(
        &mut submission,
        &mut events,
        &chunk,
        &job,
        &mut outcome.usage,
    );
    outcome.disconnected = sent.and_then(|()| events.finish()).is_err();
    outcome
}

/// The events of a stream after its head; an `Err` is a failed write (the client left).
fn run_stream(
    submission: &mut Submission,
    events: &mut EventStream,
    chunk: &ChunkWriter<'_>,
    job: &ChatJob<'_>,
    usage: &mut Usage,
) -> std::io::Result<()> {
    for index in 0..job.n {
        let delta = Delta {
            role: Some("assistant".into()),
            content: Some(String::new()),
        };
        events.send(&chunk.choice(index, delta, None, None))?;
    }
    loop {
        let event = match submission.next_event() {
            Ok(Some(event)) => event,
            Ok(None) => break,
            Err(e) => {
                events.send(&error_json(&engine_gone(e)))?;
                break;
            }
        };
        match event {
            EngineEvent::Delta {
                index,
                text,
                logprobs,
            } => {
                let delta = Delta {
                    role: None,
                    content: Some(text),
                };
                events.send(&chunk.choice(index, delta, logprobs, None))?;
            }
            EngineEvent::Sample {
                index, completion, ..
            } => {
                add_usage(usage, &completion);
                let reason = finish_reason(completion.finish_reason);
                events.send(&chunk.choice(index, Delta::default(), None, Some(reason)))?;
            }
            EngineEvent::Failed(e) => {
                events.send(&error_json(&ApiError::server(e)))?;
                break;
            }
        }
    }
    if job.include_usage {
        events.send(&chunk.json(Vec::new(), Some(*usage)))?;
    }
    events.send("[DONE]")
}

/// Builds the chunks of one streamed response.
struct ChunkWriter<'a> {
    id: String,
    created: u64,
    model: String,
    tokenizer: &'a ChatTokenizer,
}

impl ChunkWriter<'_> {
    fn choice(
        &self,
        index: usize,
        delta: Delta,
        logprobs: Option<Vec<TokenLogprobs>>,
        finish_reason: Option<&str>,
    ) -> String {
        let choice = ChunkChoice {
            index,
            delta,
            logprobs: logprobs.map(|l| wire_logprobs(self.tokenizer, &l)),
            finish_reason: finish_reason.map(str::to_string),
        };
        self.json(vec![choice], None)
    }

    fn json(&self, choices: Vec<ChunkChoice>, usage: Option<Usage>) -> String {
        let chunk = ChatCompletionChunk {
            id: self.id.clone(),
            object: "chat.completion.chunk".into(),
            created: self.created,
            model: self.model.clone(),
            choices,
            usage,
        };
        serde_json::to_string(&chunk).unwrap_or_default()
    }
}

fn error_json(error: &ApiError) -> String {
    serde_json::to_string(&error.body()).unwrap_or_default()
}

/// OpenAI's name of a finish reason.
fn finish_reason(reason: FinishReason) -> &'static str {
    match reason {
        FinishReason::Stop => "stop",
        FinishReason::Length => "length",
        FinishReason::Error => "error",
    }
}

/// Log-probability that JSON can carry: JSON has no infinities, and OpenAI and vLLM write a
/// token of probability 0 as -9999.
fn finite(logprob: f32) -> f32 {
    if logprob.is_finite() {
        logprob
    } else {
        -9999.0
    }
}

/// Engine log-probabilities in the wire format: each token's text (lossy UTF-8: a token may
/// hold part of a character) and raw bytes.
pub fn wire_logprobs(tokenizer: &ChatTokenizer, entries: &[TokenLogprobs]) -> ChoiceLogprobs {
    let token = |id: u32| {
        let bytes = tokenizer.token_bytes(id);
        (String::from_utf8_lossy(&bytes).into_owned(), bytes)
    };
    let content = entries
        .iter()
        .map(|e| {
            let (text, bytes) = token(e.token);
            TokenLogprob {
                token: text,
                logprob: finite(e.logprob),
                bytes: Some(bytes),
                top_logprobs: e
                    .top
                    .iter()
                    .map(|&(id, logprob)| {
                        let (text, bytes) = token(id);
                        TopLogprob {
                            token: text,
                            logprob: finite(logprob),
                            bytes: Some(bytes),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    ChoiceLogprobs {
        content: Some(content),
    }
}
