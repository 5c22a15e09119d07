//! `arc-solver serve`: the local model behind an OpenAI-compatible HTTP API.

use super::local::LocalArgs;
use crate::generate::local::LocalGenerator;
use crate::serve::{ServedModels, Server};
use anyhow::bail;
use clap::Args;
use std::io::Write;

/// Options of `serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The model and engine flags of the local backend. The base model is served under its
    /// name (the directory's name, or the hub id); each `--lora DIR` is served as a separate
    /// model named after the adapter directory (also as `base+adapter`), merged into its own
    /// copy of the weights: every adapter costs the memory of a whole model on every device.
    #[command(flatten)]
    pub local: LocalArgs,
    /// Address to listen on (`0.0.0.0` for every interface).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on (0: any free port; the chosen one is printed).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
}

/// Loads the models, binds, prints `listening on http://HOST:PORT` (the only line on stdout)
/// and serves until the process is stopped.
pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    if args.local.model.is_none() {
        bail!("serve needs --model DIR (or a Hugging Face id in the local cache)");
    }
    let mut models = ServedModels::new();
    let adapters = std::iter::once(None).chain(args.local.lora.iter().cloned().map(Some));
    for adapter in adapters {
        let generator = LocalGenerator::load(&args.local.options(adapter)?)?;
        eprintln!(
            "serve: loaded {}",
            crate::generate::Generator::model(&generator)
        );
        models.add(generator)?;
    }
    let names = models.names().join(", ");
    let server = Server::bind((args.host.as_str(), args.port), models)?;
    eprintln!("serve: models {names}");
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on http://{}", server.local_addr())?;
    stdout.flush()?;
    drop(stdout);
    // SIGINT/SIGTERM: stop accepting and let the requests in flight finish (a second signal
    // ends the process at once).
    super::signals::install();
    let shutdown = server.shutdown_handle();
    super::signals::on_signal(move || {
        eprintln!("serve: shutting down");
        shutdown.shutdown();
    });
    server.run()
}
