//! Routing, errors and shutdown of an in-process server with no models loaded (the model paths
//! are covered end to end by `tests/serve_api.rs`).

use super::*;
use serde_json::Value;

/// A running server with no models, its URL, and how to stop it.
fn start() -> (
    String,
    ShutdownHandle,
    std::thread::JoinHandle<anyhow::Result<()>>,
) {
    let server = Server::bind("127.0.0.1:0", ServedModels::new()).unwrap();
    let url = format!("http://{}", server.local_addr());
    let handle = server.shutdown_handle();
    let thread = std::thread::spawn(move || server.run());
    (url, handle, thread)
}

/// Status and JSON body of a response, error statuses included.
fn answer(result: Result<ureq::Response, ureq::Error>) -> (u16, Value) {
    let response = match result {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("transport error: {e}"),
    };
    (response.status(), response.into_json().unwrap())
}

#[test]
fn routes_answer_with_openai_shaped_errors_and_shutdown_stops_the_server() {
    let (url, handle, thread) = start();
    let (status, body) = answer(ureq::get(&format!("{url}/v1/models")).call());
    assert_eq!(status, 200);
    assert_eq!(body["object"], "list");
    assert_eq!(body["data"].as_array().unwrap().len(), 0);

    let chat = format!("{url}/v1/chat/completions");
    let (status, body) = answer(ureq::post(&chat).send_string("{not json"));
    assert_eq!(status, 400);
    assert_eq!(body["error"]["type"], "invalid_request_error");

    let request = r#"{"model":"nope","messages":[{"role":"user","content":"hi"}]}"#;
    let (status, body) = answer(ureq::post(&chat).send_string(request));
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "model_not_found");

    let (status, body) = answer(ureq::get(&chat).call());
    assert_eq!(status, 405);
    assert!(body["error"]["message"].as_str().unwrap().contains("GET"));

    let (status, body) = answer(ureq::get(&format!("{url}/v2/whatever?x=1")).call());
    assert_eq!(status, 404);
    assert_eq!(body["error"]["message"], "Invalid URL (GET /v2/whatever)");

    let (status, _) = answer(ureq::get(&format!("{url}/v1/models/nope")).call());
    assert_eq!(status, 404);

    handle.shutdown();
    thread.join().unwrap().unwrap();
    assert!(ureq::get(&format!("{url}/health")).call().is_err());
}

#[test]
fn oversized_bodies_are_refused() {
    let (url, handle, thread) = start();
    let big = vec![b' '; http::MAX_BODY_BYTES + 10];
    let result = ureq::post(&format!("{url}/v1/chat/completions")).send_bytes(&big);
    // The server answers 413 before reading everything; the client may see the answer or a
    // connection closed under its feet.
    if let Err(ureq::Error::Status(status, _)) = result {
        assert_eq!(status, 413);
    } else {
        assert!(result.is_err(), "an oversized body was accepted");
    }
    handle.shutdown();
    thread.join().unwrap().unwrap();
}
