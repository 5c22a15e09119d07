//! The `openai` backend: completions from any OpenAI-compatible chat endpoint (OpenAI, OpenRouter,
//! DashScope, vLLM, SGLang, `arc-solver serve`).
//!
//! [`wire`] is the JSON format, [`endpoint`] the per-endpoint dialect (reasoning budgets, sampling
//! fields), [`client`] the HTTP calls with retries. A task's samples go out as one request with
//! `n` while the server honours it, else as one request per sample, at most `max_workers` calls
//! in flight over all tasks.

pub mod client;
pub mod endpoint;
pub mod wire;

use crate::generate::{Completion, FinishReason, GenerationRequest, Generator};
use client::{CallError, CallStats, ChatClient, RetryPolicy};
use endpoint::RequestShape;
use serde::Serialize;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;
use wire::ChatCompletionResponse;

/// Most choices asked for in one request (OpenAI's limit).
pub const MAX_N_PER_REQUEST: usize = 128;

/// How to reach the endpoint and shape requests.
#[derive(Clone, Debug, Serialize)]
pub struct OpenAiOptions {
    /// Base URL, like `https://api.openai.com/v1`.
    pub base_url: String,
    /// Bearer token (not recorded anywhere).
    #[serde(skip)]
    pub api_key: Option<String>,
    /// Request body shape (model, dialect, reasoning, limits).
    pub shape: RequestShape,
    /// Most HTTP calls in flight at once.
    pub max_workers: usize,
    /// Timeout of one call.
    pub timeout: Duration,
    /// Retries and backoff.
    pub retry: RetryPolicy,
    /// Model name recorded in the store (the adapter joined to it with `+`).
    pub label: String,
}

/// Whether the server gives several choices per request.
const N_UNKNOWN: u8 = 0;
const N_HONOURED: u8 = 1;
const N_IGNORED: u8 = 2;

/// A counting semaphore: at most `max_workers` calls in flight over all tasks.
struct CallPermits {
    free: Mutex<usize>,
    freed: Condvar,
}

impl CallPermits {
    fn acquire(&self) -> PermitGuard<'_> {
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        while *free == 0 {
            free = self.freed.wait(free).unwrap_or_else(|e| e.into_inner());
        }
        *free -= 1;
        PermitGuard(self)
    }
}

struct PermitGuard<'a>(&'a CallPermits);

impl Drop for PermitGuard<'_> {
    fn drop(&mut self) {
        *self.0.free.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        self.0.freed.notify_one();
    }
}

/// The `openai` generator.
pub struct OpenAiGenerator {
    options: OpenAiOptions,
    client: ChatClient,
    permits: CallPermits,
    n_support: AtomicU8,
}

impl OpenAiGenerator {
    /// A generator for the endpoint; nothing is sent until the first task.
    pub fn new(options: OpenAiOptions) -> anyhow::Result<OpenAiGenerator> {
        if !options.base_url.starts_with("http://") && !options.base_url.starts_with("https://") {
            anyhow::bail!(
                "--base-url {:?}: expected an http:// or https:// URL",
                options.base_url
            );
        }
        if options.max_workers == 0 {
            anyhow::bail!("--max-workers must be at least 1");
        }
        Ok(OpenAiGenerator {
            client: ChatClient::new(
                &options.base_url,
                options.api_key.clone(),
                options.timeout,
                options.retry,
            ),
            permits: CallPermits {
                free: Mutex::new(options.max_workers),
                freed: Condvar::new(),
            },
            n_support: AtomicU8::new(N_UNKNOWN),
            options,
        })
    }

    /// One request for `n` choices; every choice becomes a completion. A failure after the retries
    /// comes back as the error and the number of calls made.
    fn request(
        &self,
        request: &GenerationRequest<'_>,
        n: usize,
        seed: u64,
    ) -> Result<Vec<Completion>, (CallError, u32)> {
        let body = self
            .options
            .shape
            .build(request.prompt, n, seed, request.sampling);
        let _permit = self.permits.acquire();
        self.client
            .complete(&body, request.cancel)
            .map(completions_of)
    }

    /// Samples `indices` with one request each, in parallel (bounded by the call permits), handing
    /// each to `sink` as it arrives.
    fn one_per_request(
        &self,
        request: &GenerationRequest<'_>,
        indices: std::ops::Range<usize>,
        sink: &mut dyn FnMut(Completion),
    ) {
        let (tx, rx) = crossbeam_channel::unbounded();
        std::thread::scope(|scope| {
            for i in indices {
                let tx = tx.clone();
                scope.spawn(move || {
                    let seed = request
                        .sampling
                        .seed
                        .wrapping_add((request.first_sample + i) as u64);
                    let out = match self.request(request, 1, seed) {
                        Ok(mut cs) => {
                            cs.truncate(1);
                            cs
                        }
                        Err((e, calls)) => vec![failure(&e, calls)],
                    };
                    for c in out {
                        let _ = tx.send(c);
                    }
                });
            }
            drop(tx);
            for c in rx {
                sink(c);
            }
        });
    }
}

/// An api-failure completion that says what failed and after how many calls.
fn failure(e: &CallError, calls: u32) -> Completion {
    Completion::failure(format!(
        "{}: {e} (after {calls} call{})",
        e.class(),
        if calls == 1 { "" } else { "s" }
    ))
}

/// Completions of an answer's choices, in choice order. Prompt tokens are counted once, on the
/// first; the answer's completion tokens are spread over the choices by text length (servers
/// report only the total), so run totals stay exact.
fn completions_of(response: ChatCompletionResponse) -> Vec<Completion> {
    let mut choices = response.choices;
    choices.sort_by_key(|c| c.index);
    let usage = response.usage.unwrap_or_default();
    let lengths: Vec<u64> = choices
        .iter()
        .map(|c| {
            (c.message.content_text().len() + c.message.reasoning_text().map_or(0, str::len)) as u64
                + 1
        })
        .collect();
    let total_len: u64 = lengths.iter().sum();
    let mut given = 0;
    let last = choices.len().saturating_sub(1);
    choices
        .into_iter()
        .enumerate()
        .map(|(i, choice)| {
            let mut c = Completion::text(choice.message.content_text());
            c.reasoning = choice.message.reasoning_text().map(str::to_string);
            c.finish_reason = match choice.finish_reason.as_deref() {
                Some("length") => FinishReason::Length,
                _ => FinishReason::Stop,
            };
            c.prompt_tokens = if i == 0 { usage.prompt_tokens } else { 0 };
            c.completion_tokens = if i == last {
                usage.completion_tokens.saturating_sub(given)
            } else {
                usage.completion_tokens * lengths[i] / total_len.max(1)
            };
            given += c.completion_tokens;
            c
        })
        .collect()
}

impl Generator for OpenAiGenerator {
    fn backend(&self) -> &str {
        "openai"
    }

    fn model(&self) -> String {
        self.options.label.clone()
    }

    fn concurrent_tasks(&self, attempts: Option<usize>) -> usize {
        // Few tasks at a time, each with all its samples: a server's prefix cache then holds the
        // prompts being sampled instead of thrashing over many.
        (self.options.max_workers / attempts.unwrap_or(1).max(1)).max(1)
    }

    fn generate_each(
        &self,
        request: &GenerationRequest<'_>,
        sink: &mut dyn FnMut(Completion),
    ) -> anyhow::Result<()> {
        let n = request.n.unwrap_or(1).max(1);
        let mut done = 0;
        while n - done > 1 && self.n_support.load(Ordering::Relaxed) != N_IGNORED {
            if request.cancel.is_cancelled() {
                anyhow::bail!("cancelled");
            }
            let want = (n - done).min(MAX_N_PER_REQUEST);
            // A batch's choices draw from the request's seed; a later batch gets its own.
            let seed = request
                .sampling
                .seed
                .wrapping_add((request.first_sample + done) as u64);
            match self.request(request, want, seed) {
                Ok(cs) => {
                    let got = cs.len().min(want);
                    self.n_support.store(
                        if got == want { N_HONOURED } else { N_IGNORED },
                        Ordering::Relaxed,
                    );
                    cs.into_iter().take(got).for_each(&mut *sink);
                    done += got;
                }
                Err((e, _)) if e.rejects_n() => {
                    self.n_support.store(N_IGNORED, Ordering::Relaxed);
                }
                Err((e, calls)) => {
                    for _ in done..done + want {
                        sink(failure(&e, calls));
                    }
                    done += want;
                }
            }
        }
        if done < n {
            self.one_per_request(request, done..n, sink);
        }
        Ok(())
    }

    fn take_run_stats(&self) -> Option<serde_json::Value> {
        let stats: CallStats = self.client.take_stats();
        let n_support = match self.n_support.load(Ordering::Relaxed) {
            N_HONOURED => "honoured",
            N_IGNORED => "one per request",
            _ => "not tried",
        };
        Some(serde_json::json!({ "http": stats, "n_per_request": n_support }))
    }
}

#[cfg(test)]
mod tests {
    use super::wire::{ChatMessage, Choice, Usage};
    use super::*;

    fn response(texts: &[(&str, &str)], prompt: u64, completion: u64) -> ChatCompletionResponse {
        ChatCompletionResponse {
            id: "x".into(),
            object: "chat.completion".into(),
            created: 0,
            model: "m".into(),
            choices: texts
                .iter()
                .enumerate()
                .rev()
                .map(|(i, (text, finish))| Choice {
                    index: i,
                    message: ChatMessage::new("assistant", *text),
                    finish_reason: Some(finish.to_string()),
                    logprobs: None,
                })
                .collect(),
            usage: Some(Usage {
                prompt_tokens: prompt,
                completion_tokens: completion,
                total_tokens: prompt + completion,
            }),
        }
    }

    #[test]
    fn choices_become_completions_in_order_with_exact_token_totals() {
        let cs = completions_of(response(
            &[("aaaa", "stop"), ("b", "length"), ("cccccccc", "stop")],
            100,
            31,
        ));
        assert_eq!(
            cs.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
            ["aaaa", "b", "cccccccc"]
        );
        assert_eq!(cs[1].finish_reason, FinishReason::Length);
        assert_eq!(
            cs.iter().map(|c| c.prompt_tokens).collect::<Vec<_>>(),
            [100, 0, 0]
        );
        assert_eq!(cs.iter().map(|c| c.completion_tokens).sum::<u64>(), 31);
        assert!(cs[2].completion_tokens > cs[1].completion_tokens);
    }

    #[test]
    fn permits_bound_calls_in_flight() {
        let permits = CallPermits {
            free: Mutex::new(2),
            freed: Condvar::new(),
        };
        let in_flight = std::sync::atomic::AtomicUsize::new(0);
        let most = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    let _p = permits.acquire();
                    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(5));
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }
}
