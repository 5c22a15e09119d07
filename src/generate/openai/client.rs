//! HTTP calls to `/chat/completions` with a timeout, exponential backoff and a classification of
//! every failure, so a run can say what went wrong and how often.

use super::wire::{ChatCompletionRequest, ChatCompletionResponse, ErrorBody};
use crate::generate::Cancellation;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Read;
use std::sync::Mutex;
use std::time::Duration;

/// When and how often a failed call is tried again.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct RetryPolicy {
    /// Retries after the first try (so at most `max_retries + 1` calls).
    pub max_retries: u32,
    /// Wait before the first retry; doubles each time.
    pub base_delay: Duration,
    /// Longest wait, `Retry-After` included.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 6,
            base_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// Wait before retry number `retry` (0-based): the server's `Retry-After` when it sent one,
    /// else `base × 2^retry` with jitter in [½, 1] so clients that failed together spread out.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        let wait = match retry_after {
            Some(d) => d,
            None => {
                let full = self
                    .base_delay
                    .saturating_mul(1u32.checked_shl(retry.min(20)).unwrap_or(u32::MAX));
                full.mul_f64(0.5 + rand::random::<f64>() / 2.0)
            }
        };
        wait.min(self.max_delay)
    }
}

/// Why a call failed.
#[derive(Clone, Debug, PartialEq)]
pub enum CallError {
    /// An HTTP error status.
    Status {
        /// The status code.
        status: u16,
        /// The server's error message (or the start of its body).
        message: String,
        /// The `param` the server blamed, when it said.
        param: Option<String>,
        /// `Retry-After`, when sent.
        retry_after: Option<Duration>,
    },
    /// No complete answer within the request timeout.
    Timeout(String),
    /// Connection refused, reset, or closed before the body was complete.
    Connection(String),
    /// A success status whose body is not a chat completion.
    Malformed(String),
    /// A well-formed answer without choices.
    NoChoices,
    /// The run was stopped (signal or deadline) before the call.
    Cancelled,
}

impl CallError {
    /// Rate limits, server errors, timeouts, dropped connections and broken or empty answers
    /// are worth another try; other client errors (bad request, auth, unknown model) are not.
    pub fn is_retryable(&self) -> bool {
        match self {
            CallError::Status { status, .. } => *status == 429 || *status >= 500,
            CallError::Cancelled => false,
            _ => true,
        }
    }

    /// Short class name, as counted in the run's backend statistics.
    pub fn class(&self) -> &'static str {
        match self {
            CallError::Status { status: 429, .. } => "rate-limited",
            CallError::Status { status, .. } if *status >= 500 => "server-error",
            CallError::Status { .. } => "client-error",
            CallError::Cancelled => "cancelled",
            CallError::Timeout(_) => "timeout",
            CallError::Connection(_) => "connection",
            CallError::Malformed(_) => "malformed",
            CallError::NoChoices => "no-choices",
        }
    }

    /// A 400 that blames `n`: the server wants one choice per request.
    pub fn rejects_n(&self) -> bool {
        match self {
            CallError::Status {
                status: 400,
                message,
                param,
                ..
            } => {
                let m = message.to_ascii_lowercase();
                param.as_deref() == Some("n")
                    || m.contains("'n'")
                    || m.contains("`n`")
                    || m.contains("\"n\"")
                    || m.starts_with("n ")
                    || m.contains(" n ")
                    || m.contains(" n=")
                    || m.contains("n must")
            }
            _ => false,
        }
    }
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallError::Status {
                status, message, ..
            } => write!(f, "HTTP {status}: {message}"),
            CallError::Timeout(m) => write!(f, "timed out: {m}"),
            CallError::Connection(m) => write!(f, "connection failed: {m}"),
            CallError::Malformed(m) => write!(f, "malformed answer: {m}"),
            CallError::NoChoices => write!(f, "answer without choices"),
            CallError::Cancelled => write!(f, "the run was stopped"),
        }
    }
}

/// Counts of calls and their failures, for the run summary.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CallStats {
    /// HTTP calls made (retries included).
    pub calls: u64,
    /// Calls that were retries.
    pub retries: u64,
    /// Requests given up on (retries exhausted or not retryable).
    pub failed_requests: u64,
    /// Failed calls per class.
    pub failures: BTreeMap<String, u64>,
}

/// Largest answer body read (a reasoning model's n = 128 answers fit easily).
const MAX_BODY_BYTES: u64 = 512 << 20;

/// A chat-completions endpoint.
pub struct ChatClient {
    agent: ureq::Agent,
    url: String,
    api_key: Option<String>,
    timeout: Duration,
    retry: RetryPolicy,
    stats: Mutex<CallStats>,
}

impl ChatClient {
    /// A client of `base_url` (the part before `/chat/completions`, like `http://host:8000/v1`).
    pub fn new(
        base_url: &str,
        api_key: Option<String>,
        timeout: Duration,
        retry: RetryPolicy,
    ) -> ChatClient {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(timeout.min(Duration::from_secs(30)))
            .user_agent(concat!("arc-solver/", env!("CARGO_PKG_VERSION")))
            .build();
        ChatClient {
            agent,
            url: format!("{}/chat/completions", base_url.trim_end_matches('/')),
            api_key,
            timeout,
            retry,
            stats: Mutex::new(CallStats::default()),
        }
    }

    /// Counters since the last call of this method (which resets them).
    pub fn take_stats(&self) -> CallStats {
        std::mem::take(&mut *self.stats.lock().unwrap_or_else(|e| e.into_inner()))
    }

    fn count(&self, f: impl FnOnce(&mut CallStats)) {
        f(&mut self.stats.lock().unwrap_or_else(|e| e.into_inner()));
    }

    /// Sends the request, retrying as the policy says. Returns the answer, or the last error and
    /// how many calls were made.
    /// No call starts once `cancel` says stop, and calls end by its deadline.
    pub fn complete(
        &self,
        request: &ChatCompletionRequest,
        cancel: &Cancellation,
    ) -> Result<ChatCompletionResponse, (CallError, u32)> {
        let mut retry = 0;
        loop {
            let timeout = match cancel.time_left() {
                Some(left) => self.timeout.min(left),
                None => self.timeout,
            };
            if cancel.is_cancelled() || timeout.is_zero() {
                return Err((CallError::Cancelled, retry));
            }
            self.count(|s| {
                s.calls += 1;
                s.retries += u64::from(retry > 0);
            });
            let err = match self.call_once(request, timeout) {
                Ok(r) => return Ok(r),
                Err(e) => e,
            };
            self.count(|s| *s.failures.entry(err.class().to_string()).or_default() += 1);
            if !err.is_retryable() || retry >= self.retry.max_retries {
                self.count(|s| s.failed_requests += 1);
                return Err((err, retry + 1));
            }
            let retry_after = match &err {
                CallError::Status { retry_after, .. } => *retry_after,
                _ => None,
            };
            let wait = self.retry.delay(retry, retry_after);
            if cancel.time_left().is_some_and(|left| left <= wait) {
                self.count(|s| s.failed_requests += 1);
                return Err((err, retry + 1));
            }
            std::thread::sleep(wait);
            retry += 1;
        }
    }

    fn call_once(
        &self,
        request: &ChatCompletionRequest,
        timeout: Duration,
    ) -> Result<ChatCompletionResponse, CallError> {
        let mut call = self.agent.post(&self.url).timeout(timeout);
        if let Some(key) = &self.api_key {
            call = call.set("Authorization", &format!("Bearer {key}"));
        }
        let body = serde_json::to_string(request)
            .map_err(|e| CallError::Malformed(format!("cannot encode the request: {e}")))?;
        let response = match call
            .set("Content-Type", "application/json")
            .send_string(&body)
        {
            Ok(r) => r,
            Err(ureq::Error::Status(status, response)) => {
                let retry_after = response
                    .header("retry-after")
                    .and_then(|v| v.trim().parse::<f64>().ok())
                    .filter(|s| s.is_finite() && *s >= 0.0)
                    .map(Duration::from_secs_f64);
                let text = read_body(response).unwrap_or_default();
                let (message, param) = match serde_json::from_str::<ErrorBody>(&text) {
                    Ok(b) => (b.error.message, b.error.param),
                    Err(_) => (text.chars().take(300).collect(), None),
                };
                return Err(CallError::Status {
                    status,
                    message,
                    param,
                    retry_after,
                });
            }
            Err(ureq::Error::Transport(t)) => return Err(transport_error(&t)),
        };
        let text = read_body(response).map_err(|e| match e.kind() {
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                CallError::Timeout(format!("reading the answer: {e}"))
            }
            _ => CallError::Connection(format!("reading the answer: {e}")),
        })?;
        let parsed: ChatCompletionResponse = serde_json::from_str(&text).map_err(|e| {
            let start: String = text.chars().take(120).collect();
            CallError::Malformed(format!("{e} (body starts {start:?})"))
        })?;
        if parsed.choices.is_empty() {
            return Err(CallError::NoChoices);
        }
        Ok(parsed)
    }
}

fn read_body(response: ureq::Response) -> std::io::Result<String> {
    let mut text = String::new();
    response
        .into_reader()
        .take(MAX_BODY_BYTES)
        .read_to_string(&mut text)?;
    Ok(text)
}

fn transport_error(t: &ureq::Transport) -> CallError {
    let message = t.to_string();
    let timed_out = std::error::Error::source(t)
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .is_some_and(|e| {
            matches!(
                e.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            )
        })
        || message.contains("timed out");
    if timed_out {
        CallError::Timeout(message)
    } else {
        CallError::Connection(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16, message: &str) -> CallError {
        CallError::Status {
            status: code,
            message: message.into(),
            param: None,
            retry_after: None,
        }
    }

    #[test]
    fn retry_classes_follow_the_status() {
        assert!(status(429, "slow down").is_retryable());
        assert!(status(500, "oops").is_retryable());
        assert!(status(503, "busy").is_retryable());
        assert!(!status(400, "bad").is_retryable());
        assert!(!status(401, "key").is_retryable());
        assert!(!status(404, "model").is_retryable());
        assert!(CallError::Timeout("t".into()).is_retryable());
        assert!(CallError::Connection("reset".into()).is_retryable());
        assert!(CallError::Malformed("x".into()).is_retryable());
        assert_eq!(status(429, "").class(), "rate-limited");
        assert_eq!(status(502, "").class(), "server-error");
        assert_eq!(status(404, "").class(), "client-error");
    }

    #[test]
    fn backoff_doubles_with_jitter_and_honours_retry_after() {
        let p = RetryPolicy {
            max_retries: 5,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
        };
        for retry in 0..3 {
            let d = p.delay(retry, None);
            let full = 100 * (1 << retry);
            assert!(d.as_millis() >= full / 2 && d.as_millis() <= full, "{d:?}");
        }
        assert_eq!(p.delay(9, None), Duration::from_secs(1));
        assert_eq!(
            p.delay(0, Some(Duration::from_millis(300))),
            Duration::from_millis(300)
        );
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(60))),
            Duration::from_secs(1)
        );
    }

    #[test]
    fn n_rejections_are_recognised() {
        assert!(status(400, "n > 1 is not supported").rejects_n());
        assert!(status(400, "Invalid value for 'n': must be 1").rejects_n());
        assert!(!status(400, "messages must not be empty").rejects_n());
        assert!(!status(500, "n must be 1").rejects_n());
        let blamed = CallError::Status {
            status: 400,
            message: "unsupported".into(),
            param: Some("n".into()),
            retry_after: None,
        };
        assert!(blamed.rejects_n());
    }
}
