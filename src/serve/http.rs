//! HTTP plumbing over `tiny_http`: JSON answers, OpenAI-style errors, request bodies, and a
//! server-sent-events writer that sends each event as soon as it is written.

use crate::generate::openai::wire::{ErrorBody, ErrorDetail};
use serde::Serialize;
use std::io::{self, Read, Write};
use tiny_http::{Header, Request, Response, StatusCode};

/// Largest request body read (an ARC prompt is a few hundred KiB at most).
pub const MAX_BODY_BYTES: usize = 32 << 20;

/// An error answer: an HTTP status and the OpenAI error object.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// The error object (`message`, `type`, `param`, `code`).
    pub detail: ErrorDetail,
}

impl ApiError {
    fn new(status: u16, kind: &str, message: String) -> ApiError {
        ApiError {
            status,
            detail: ErrorDetail {
                message,
                kind: kind.into(),
                param: None,
                code: None,
            },
        }
    }

    /// 400: the request is malformed or a parameter is out of range (`param` names it).
    pub fn invalid(param: Option<&str>, message: impl Into<String>) -> ApiError {
        let mut e = ApiError::new(400, "invalid_request_error", message.into());
        e.detail.param = param.map(str::to_string);
        e
    }

    /// 404 for a model this server does not serve (OpenAI's `model_not_found`).
    pub fn model_not_found(model: &str, served: &[&str]) -> ApiError {
        let mut e = ApiError::new(
            404,
            "invalid_request_error",
            format!(
                "The model `{model}` does not exist (served: {})",
                served.join(", ")
            ),
        );
        e.detail.param = Some("model".into());
        e.detail.code = Some("model_not_found".into());
        e
    }

    /// 404 for a path this server does not have.
    pub fn unknown_path(method: &str, path: &str) -> ApiError {
        let mut e = ApiError::new(
            404,
            "invalid_request_error",
            format!("Invalid URL ({method} {path})"),
        );
        e.detail.code = Some("unknown_url".into());
        e
    }

    /// 405: the path exists, the method does not.
    pub fn method_not_allowed(method: &str, path: &str) -> ApiError {
        ApiError::new(
            405,
            "invalid_request_error",
            format!("Method {method} is not allowed for {path}"),
        )
    }

    /// 413: the body is larger than [`MAX_BODY_BYTES`].
    pub fn too_large() -> ApiError {
        ApiError::new(
            413,
            "invalid_request_error",
            format!("The request body is larger than {MAX_BODY_BYTES} bytes"),
        )
    }

    /// 500: generation failed.
    pub fn server(message: impl Into<String>) -> ApiError {
        ApiError::new(500, "server_error", message.into())
    }

    /// 503: the server cannot take the request now (an engine stopped, too many connections).
    pub fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError::new(503, "server_error", message.into())
    }

    /// The JSON body.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: self.detail.clone(),
        }
    }
}

/// A header from constant text.
pub fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("constant header is valid")
}

/// Answers with `value` as JSON and returns the status. Errors writing (the client left) are
/// ignored: there is no one left to tell.
pub fn respond_json<T: Serialize>(request: Request, status: u16, value: &T) -> u16 {
    let body = serde_json::to_vec(value).unwrap_or_else(|e| {
        format!(
            r#"{{"error":{{"message":"cannot encode the answer: {e}","type":"server_error"}}}}"#
        )
        .into_bytes()
    });
    let response = Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "application/json"));
    let _ = request.respond(response);
    status
}

/// Answers with an error and returns its status.
pub fn respond_error(request: Request, error: &ApiError) -> u16 {
    let status = error.status;
    if status == 405 {
        let body = serde_json::to_vec(&error.body()).unwrap_or_default();
        let allow = if request.url().starts_with("/v1/chat") {
            "POST"
        } else {
            "GET"
        };
        let response = Response::from_data(body)
            .with_status_code(StatusCode(status))
            .with_header(header("Content-Type", "application/json"))
            .with_header(header("Allow", allow));
        let _ = request.respond(response);
        return status;
    }
    respond_json(request, status, &error.body())
}

/// Reads the whole request body, up to [`MAX_BODY_BYTES`].
pub fn read_body(request: &mut Request) -> Result<Vec<u8>, ApiError> {
    let mut body = Vec::new();
    request
        .as_reader()
        .take(MAX_BODY_BYTES as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| ApiError::invalid(None, format!("cannot read the request body: {e}")))?;
    if body.len() > MAX_BODY_BYTES {
        return Err(ApiError::too_large());
    }
    Ok(body)
}

/// A `text/event-stream` answer written straight to the connection, each event flushed at once.
///
/// `tiny_http` sends a streamed body in 8 KiB chunks and never flushes a partial one, which
/// would hold tokens back; so the response head and HTTP/1.1 chunked framing are written here.
/// An HTTP/1.0 client gets the body unframed, and the connection closes after it.
pub struct EventStream {
    out: Box<dyn Write + Send>,
    chunked: bool,
}

impl EventStream {
    /// Writes the response head (status 200).
    pub fn start(request: Request) -> io::Result<EventStream> {
        let chunked = *request.http_version() >= (1, 1);
        let mut out = request.into_writer();
        let framing = if chunked {
            "Transfer-Encoding: chunked\r\n"
        } else {
            "Connection: close\r\n"
        };
        write!(
            out,
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n{framing}\r\n"
        )?;
        out.flush()?;
        Ok(EventStream { out, chunked })
    }

    /// Sends one event: `data: {data}\n\n`.
    pub fn send(&mut self, data: &str) -> io::Result<()> {
        let event = format!("data: {data}\n\n");
        if self.chunked {
            write!(self.out, "{:x}\r\n{event}\r\n", event.len())?;
        } else {
            self.out.write_all(event.as_bytes())?;
        }
        self.out.flush()
    }

    /// Ends the body.
    pub fn finish(mut self) -> io::Result<()> {
        if self.chunked {
            self.out.write_all(b"0\r\n\r\n")?;
        }
        self.out.flush()
    }
}
