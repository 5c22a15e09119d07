//! One sample being decoded: its random stream, its arena range, its text so far, its
//! log-probabilities, and what of them it has reported.

use super::cache::Range;
use super::engine::EngineEvent;
use super::logprobs::TokenLogprobs;
use super::sampler::DrawStream;
use super::tokenizer::{ChatTokenizer, StreamStep, TextStream};
use crate::generate::{Completion, FinishReason};
use crossbeam_channel::Sender;

/// A sample in the engine's batch (or about to join it).
pub(super) struct Sequence {
    /// Sample number within its request.
    pub index: usize,
    /// Its own random stream (one uniform per generated token).
    pub draws: DrawStream,
    /// Arena tokens reserved for its generated tokens' keys and values.
    pub suffix: Range,
    /// Generated tokens whose keys and values are in the arena (all but `last`).
    pub cached: usize,
    /// The last token: the next decode step's input.
    pub last: u32,
    /// Tokens generated, the one that ended the sample included.
    pub generated: usize,
    stream: TextStream,
    /// Log-probabilities of the content tokens, when the request asked for them.
    logprobs: Option<Vec<TokenLogprobs>>,
    /// Entries of `logprobs` already sent in deltas.
    logprobs_sent: usize,
    /// Bytes of text already sent in deltas.
    text_sent: usize,
}

impl Sequence {
    /// A sample with nothing generated yet.
    pub fn new(
        index: usize,
        draws: DrawStream,
        suffix: Range,
        stop: Vec<String>,
        logprobs: bool,
    ) -> Sequence {
        Sequence {
            index,
            draws,
            suffix,
            cached: 0,
            last: 0,
            generated: 0,
            stream: TextStream::new(stop),
            logprobs: logprobs.then(Vec::new),
            logprobs_sent: 0,
            text_sent: 0,
        }
    }

    /// Records a sampled token (and its log-probabilities); returns why the sample ends, if it
    /// does. An end-of-sequence token counts as generated but is not content: it gets no text
    /// and no log-probability entry, so the entries' bytes spell the text (when no stop string
    /// cut it).
    pub fn advance(
        &mut self,
        tokenizer: Option<&ChatTokenizer>,
        token: u32,
        logprobs: Option<TokenLogprobs>,
        max_new: usize,
    ) -> Option<FinishReason> {
        self.generated += 1;
        self.last = token;
        if let Some(tok) = tokenizer {
            if tok.is_eos(token) {
                return Some(FinishReason::Stop);
            }
        }
        if let (Some(all), Some(lp)) = (&mut self.logprobs, logprobs) {
            all.push(lp);
        }
        if let Some(tok) = tokenizer {
            match self.stream.push(tok, token) {
                Ok(StreamStep::Stop) => return Some(FinishReason::Stop),
                Ok(StreamStep::Continue) => {}
                // A token the tokenizer cannot decode (an id past its vocabulary): end the sample.
                Err(_) => return Some(FinishReason::Stop),
            }
        }
        (self.generated >= max_new).then_some(FinishReason::Length)
    }

    /// Streaming: sends the text that has become final since the last delta, with the
    /// log-probabilities of the tokens generated since then. Nothing when no text is new (the
    /// tokens' entries then go out with the next delta).
    pub fn send_delta(&mut self, events: &Sender<EngineEvent>) {
        let settled = self.stream.settled_len();
        // Settled lengths only grow and fall on character boundaries (see
        // `TextStream::settled_len`); `get` keeps a broken invariant from panicking the engine.
        let Some(text) = self.stream.text().get(self.text_sent..settled) else {
            return;
        };
        if text.is_empty() {
            return;
        }
        let text = text.to_string();
        self.text_sent = settled;
        let logprobs = self.new_logprobs();
        let _ = events.send(EngineEvent::Delta {
            index: self.index,
            text,
            logprobs,
        });
    }

    /// Log-probability entries not yet sent in a delta.
    fn new_logprobs(&mut self) -> Option<Vec<TokenLogprobs>> {
        let all = self.logprobs.as_ref()?;
        let new = all[self.logprobs_sent..].to_vec();
        self.logprobs_sent = all.len();
        Some(new)
    }

    /// Reports the finished sample: when streaming, a last delta with whatever was held back
    /// (so the deltas add up to the completion's text exactly), then the
    /// [`EngineEvent::Sample`] with the whole text and every log-probability entry.
    /// `prompt_tokens` is counted on sample 0 only: the prompt was processed once for all.
    pub fn finish(
        self,
        tokenizer: Option<&ChatTokenizer>,
        reason: FinishReason,
        prompt_tokens: usize,
        stream: bool,
        events: &Sender<EngineEvent>,
    ) {
        let Sequence {
            index,
            generated,
            stream: text_stream,
            logprobs,
            logprobs_sent,
            text_sent,
            ..
        } = self;
        let text = match tokenizer {
            Some(tok) => text_stream.finish(tok),
            None => String::new(),
        };
        if stream {
            // The finished text extends what was sent (see `TextStream::settled_len`).
            let rest = text.get(text_sent..).unwrap_or_default().to_string();
            let new_logprobs = logprobs.as_ref().map(|all| all[logprobs_sent..].to_vec());
            if !rest.is_empty() || new_logprobs.as_ref().is_some_and(|l| !l.is_empty()) {
                let _ = events.send(EngineEvent::Delta {
                    index,
                    text: rest,
                    logprobs: new_logprobs,
                });
            }
        }
        let mut completion = Completion::text(text);
        completion.finish_reason = reason;
        completion.completion_tokens = generated as u64;
        completion.prompt_tokens = if index == 0 { prompt_tokens as u64 } else { 0 };
        let _ = events.send(EngineEvent::Sample {
            index,
            completion,
            logprobs,
        });
    }
}
