//! The report in a real browser: headless Chromium loads the page from a loopback server that
//! counts requests, takes a screenshot, and the picture must show the run (many colours, ARC's grid
//! colours among them) while the page fetched nothing but itself.
//!
//! Needs Chromium (`apt-get install chromium`, or scripts/install-test-deps.sh; `CHROMIUM` names
//! another binary), so it is ignored by default.

mod common;
mod export_support;

use export_support::{library_store, ok};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The ARC palette, as the page draws it.
const ARC: [(u8, u8, u8); 10] = [
    (0x00, 0x00, 0x00),
    (0x00, 0x74, 0xD9),
    (0xFF, 0x41, 0x36),
    (0x2E, 0xCC, 0x40),
    (0xFF, 0xDC, 0x00),
    (0xAA, 0xAA, 0xAA),
    (0xF0, 0x12, 0xBE),
    (0xFF, 0x85, 0x1B),
    (0x7F, 0xDB, 0xFF),
    (0x87, 0x0C, 0x25),
];

fn chromium() -> PathBuf {
    let exe = std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("chromium"), PathBuf::from);
    let found = Command::new(&exe)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "this test needs headless Chromium: `{}` does not run (apt-get install chromium, or \
         scripts/install-test-deps.sh; CHROMIUM names another binary)",
        exe.display()
    );
    exe
}

/// Serves `dir` on loopback until dropped; records every request path.
struct Server {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let port = server.server_addr().to_ip().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen, halt, root) = (requests.clone(), stop.clone(), dir.to_path_buf());
        let thread = std::thread::spawn(move || {
            while !halt.load(Ordering::SeqCst) {
                let Ok(Some(req)) = server.recv_timeout(Duration::from_millis(50)) else {
                    continue;
                };
                let url = req.url().to_string();
                seen.lock().unwrap().push(url.clone());
                let path = root.join(url.trim_start_matches('/'));
                let response = match std::fs::read(&path) {
                    Ok(bytes) if url.ends_with(".html") => tiny_http::Response::from_data(bytes)
                        .with_header(
                            "Content-Type: text/html; charset=utf-8"
                                .parse::<tiny_http::Header>()
                                .unwrap(),
                        ),
                    _ => tiny_http::Response::from_data(Vec::new()).with_status_code(404),
                };
                let _ = req.respond(response);
            }
        });
        Server {
            port,
            requests,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn near(a: (u8, u8, u8), b: (u8, u8, u8)) -> bool {
    let d = |x: u8, y: u8| (i16::from(x) - i16::from(y)).abs() <= 3;
    d(a.0, b.0) && d(a.1, b.1) && d(a.2, b.2)
}

#[test]
#[ignore = "needs headless Chromium (apt-get install chromium)"]
fn the_report_renders_in_chromium_and_fetches_nothing() {
    let exe = chromium();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    library_store(d, &[]);
    ok(d, &["report", "--db", "s.db", "--out", "report.html"]);
    let page = std::fs::read_to_string(d.join("report.html")).unwrap();
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "URLs in the page"
    );
    let server = Server::start(d);
    let profile = tempfile::tempdir().unwrap();
    let shot = d.join("shot.png");
    let out = Command::new(&exe)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1280,1600",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("http://127.0.0.1:{}/report.html", server.port))
        .output()
        .unwrap();
    assert!(
        shot.exists(),
        "no screenshot: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    std::thread::sleep(Duration::from_millis(200));
    let requests = server.requests.lock().unwrap().clone();
    drop(server);
    assert_eq!(
        requests,
        ["/report.html"],
        "the page fetched more than itself"
    );

    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    let bytes = &buf[..frame.buffer_size()];
    let channels = frame.color_type.samples();
    assert!(channels >= 3, "{:?}", frame.color_type);
    let mut histogram: HashMap<(u8, u8, u8), usize> = HashMap::new();
    for px in bytes.chunks(channels) {
        *histogram.entry((px[0], px[1], px[2])).or_insert(0) += 1;
    }
    // Non-blank: text, tables, the plot and grids make many colours.
    assert!(
        histogram.len() > 50,
        "{} colours: blank page?",
        histogram.len()
    );
    // ARC colours other than black and grey, each over a visible area.
    let arc_seen: Vec<usize> = (1..10)
        .filter(|&c| c != 5)
        .filter(|&c| {
            histogram
                .iter()
                .filter(|(px, _)| near(**px, ARC[c]))
                .map(|(_, n)| n)
                .sum::<usize>()
                >= 40
        })
        .collect();
    assert!(arc_seen.len() >= 4, "ARC colours drawn: {arc_seen:?}");
}
