//! `arc-solver serve`: the local engine behind an OpenAI-compatible HTTP API.
//!
//! Routes: `GET /v1/models`, `GET /v1/models/{id}`, `POST /v1/chat/completions` (JSON or
//! server-sent events), and `GET /health`. Each request runs on its own thread and goes straight
//! to the least loaded engine, so concurrent requests decode in one batch and requests with the
//! same prompt share its prefill; nothing serialises them here.
//!
//! Layout: [`models`] names the loaded models, [`chat`] validates a request, [`respond`] runs it
//! and writes the answer, [`http`] holds the HTTP plumbing.

pub mod chat;
pub mod http;
pub mod models;
pub mod respond;

use anyhow::{anyhow, Context};
use http::{read_body, respond_error, respond_json, ApiError};
pub use models::{ServedModel, ServedModels};
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tiny_http::{Method, Request};

/// Requests handled at once; more are answered 503 at once instead of queueing threads.
const MAX_IN_FLIGHT: usize = 512;

/// How often the accept loop looks at the shutdown flag.
const POLL: Duration = Duration::from_millis(100);

/// How long [`Server::run`] waits for requests in flight after a shutdown.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// A bound server, ready to [`Server::run`].
pub struct Server {
    http: tiny_http::Server,
    addr: SocketAddr,
    models: Arc<ServedModels>,
    shutdown: Arc<AtomicBool>,
}

/// Stops a running [`Server`] from another thread.
#[derive(Clone, Debug)]
pub struct ShutdownHandle(Arc<AtomicBool>);

impl ShutdownHandle {
    /// Asks the server to stop: it accepts nothing more, lets the requests in flight finish
    /// (for up to 30 s), and [`Server::run`] returns.
    pub fn shutdown(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

impl Server {
    /// Listens on `addr` (port 0: any free port) for requests to `models`.
    pub fn bind(addr: impl ToSocketAddrs, models: ServedModels) -> anyhow::Result<Server> {
        let addr = addr
            .to_socket_addrs()
            .context("cannot resolve the listen address")?
            .next()
            .context("the listen address resolves to nothing")?;
        let http =
            tiny_http::Server::http(addr).map_err(|e| anyhow!("cannot listen on {addr}: {e}"))?;
        let addr = http
            .server_addr()
            .to_ip()
            .context("the server is not on an IP socket")?;
        Ok(Server {
            http,
            addr,
            models: Arc::new(models),
            shutdown: Arc::default(),
        })
    }

    /// The address it listens on (with the real port when bound to port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// A handle that stops [`Server::run`].
    pub fn shutdown_handle(&self) -> ShutdownHandle {
        ShutdownHandle(self.shutdown.clone())
    }

    /// Serves until shut down: one thread per request.
    pub fn run(self) -> anyhow::Result<()> {
        let in_flight = Arc::new(AtomicUsize::new(0));
        while !self.shutdown.load(Ordering::Relaxed) {
            let request = match self.http.recv_timeout(POLL) {
                Ok(Some(request)) => request,
                Ok(None) => continue,
                Err(e) => {
                    eprintln!("serve: accepting a request failed: {e}");
                    continue;
                }
            };
            if in_flight.load(Ordering::Relaxed) >= MAX_IN_FLIGHT {
                let error = ApiError::unavailable("Too many requests in flight; retry later");
                respond_error(request, &error);
                continue;
            }
            let guard = InFlight::new(&in_flight);
            let models = self.models.clone();
            let spawned = std::thread::Builder::new()
                .name("serve-request".into())
                .spawn(move || {
                    let _guard = guard;
                    handle(request, &models);
                });
            // The request went down with the closure; tiny_http answers a dropped request 500.
            if let Err(e) = spawned {
                eprintln!("serve: cannot start a request thread: {e}");
            }
        }
        let deadline = Instant::now() + SHUTDOWN_GRACE;
        while in_flight.load(Ordering::Relaxed) > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        Ok(())
    }
}

/// Counts a request in flight until dropped.
struct InFlight(Arc<AtomicUsize>);

impl InFlight {
    fn new(count: &Arc<AtomicUsize>) -> InFlight {
        count.fetch_add(1, Ordering::Relaxed);
        InFlight(count.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Routes one request and logs it to stderr.
fn handle(request: Request, models: &ServedModels) {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request
        .url()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    let mut note = String::new();
    let status = match (&method, path.as_str()) {
        (Method::Get, "/v1/models") => respond_json(request, 200, &models.list()),
        (Method::Get, p) if p.starts_with("/v1/models/") => {
            let id = &p["/v1/models/".len()..];
            match models.find(id) {
                Some(m) => respond_json(request, 200, &models.card(&m.name)),
                None => respond_error(request, &ApiError::model_not_found(id, &models.names())),
            }
        }
        (Method::Get, "/health") => respond_json(request, 200, &serde_json::json!({})),
        (Method::Post, "/v1/chat/completions") => {
            let outcome = chat_completions(request, models);
            let u = outcome.usage;
            if outcome.disconnected {
                note = ", client disconnected".into();
            } else if outcome.status == 200 {
                note = format!(
                    ", prompt {} + completion {} tokens",
                    u.prompt_tokens, u.completion_tokens
                );
            }
            outcome.status
        }
        (_, "/v1/models" | "/v1/chat/completions" | "/health") => respond_error(
            request,
            &ApiError::method_not_allowed(method.as_str(), &path),
        ),
        (_, p) if p.starts_with("/v1/models/") => respond_error(
            request,
            &ApiError::method_not_allowed(method.as_str(), &path),
        ),
        _ => respond_error(request, &ApiError::unknown_path(method.as_str(), &path)),
    };
    eprintln!(
        "serve: {method} {path} {status} in {:.3} s{note}",
        started.elapsed().as_secs_f64()
    );
}

/// `POST /v1/chat/completions`.
fn chat_completions(mut request: Request, models: &ServedModels) -> respond::Outcome {
    let failed = |request: Request, e: &ApiError| respond::Outcome {
        status: respond_error(request, e),
        ..Default::default()
    };
    let body = match read_body(&mut request) {
        Ok(body) => body,
        Err(e) => return failed(request, &e),
    };
    let job = match chat::parse(&body, models) {
        Ok(job) => job,
        Err(e) => return failed(request, &e),
    };
    if job.stream {
        return respond::stream(job, request);
    }
    match respond::complete(job) {
        Ok(response) => respond::Outcome {
            status: respond_json(request, 200, &response),
            usage: response.usage.unwrap_or_default(),
            disconnected: false,
        },
        Err(e) => failed(request, &e),
    }
}

#[cfg(test)]
mod tests;
