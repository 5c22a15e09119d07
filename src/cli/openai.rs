//! Flags of the `openai` backend, the API key lookup (environment, then `.env`) and the price table.

use crate::cost::PriceTable;
use crate::generate::openai::client::RetryPolicy;
use crate::generate::openai::endpoint::{EndpointKind, ReasoningEffort, RequestShape};
use crate::generate::openai::OpenAiOptions;
use anyhow::{bail, Context};
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How to reach an OpenAI-compatible endpoint (`--backend openai`; `--model` names the model).
#[derive(Args, Debug, Clone)]
pub struct OpenAiArgs {
    /// Endpoint base URL, like `https://api.openai.com/v1` or `http://127.0.0.1:8000/v1` (selects
    /// the openai backend).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Environment variable (or `.env` entry) holding the API key.
    #[arg(long, default_value = "OPENAI_API_KEY")]
    pub api_key_env: String,
    /// Endpoint dialect [default: from the URL's host; self-hosted when unknown].
    #[arg(long, value_enum)]
    pub endpoint_kind: Option<EndpointKind>,
    /// Most HTTP requests in flight; tasks in flight are this ÷ --attempts.
    #[arg(long, default_value_t = 32)]
    pub max_workers: usize,
    /// Timeout of one request, in seconds.
    #[arg(long, default_value_t = 1800.0)]
    pub request_timeout: f64,
    /// Retries of a request after 429, 5xx, timeouts and dropped connections.
    #[arg(long, default_value_t = 6)]
    pub retries: u32,
    /// Wait before the first retry, in seconds (doubles each retry, with jitter).
    #[arg(long, default_value_t = 2.0)]
    pub retry_base: f64,
    /// Longest wait between retries, in seconds (`Retry-After` included).
    #[arg(long, default_value_t = 120.0)]
    pub retry_max: f64,
    /// Reasoning effort: OpenAI `reasoning_effort`; OpenRouter `reasoning.max_tokens` and DashScope
    /// `thinking_budget` of 2k/8k/32k tokens.
    #[arg(long, value_enum)]
    pub reasoning_effort: Option<ReasoningEffort>,
    /// Adapter name sent as the model, for servers that host LoRA adapters.
    #[arg(long)]
    pub lora_adapter: Option<String>,
    /// Price table (USD per 1M input/output tokens per model) [default: data/prices.json, built in].
    #[arg(long)]
    pub prices: Option<PathBuf>,
}

/// Reads `KEY=value` lines of a `.env` file (comments, `export ` and quotes allowed).
pub fn parse_dotenv(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                return None;
            }
            let line = line.strip_prefix("export ").unwrap_or(line);
            let (key, value) = line.split_once('=')?;
            let value = value.trim();
            let value = match (value.chars().next(), value.chars().last()) {
                (Some(q @ ('"' | '\'')), Some(e)) if q == e && value.len() >= 2 => {
                    &value[1..value.len() - 1]
                }
                _ => value.split(" #").next().unwrap_or(value).trim(),
            };
            Some((key.trim().to_string(), value.to_string()))
        })
        .collect()
}

/// The API key: the environment variable, else its entry in `.env` of the working directory.
/// `None` when neither has it (self-hosted servers usually need none).
pub fn api_key(var: &str, dotenv: &Path) -> anyhow::Result<Option<String>> {
    if let Ok(v) = std::env::var(var) {
        if !v.is_empty() {
            return Ok(Some(v));
        }
    }
    match std::fs::read_to_string(dotenv) {
        Ok(text) => Ok(parse_dotenv(&text)
            .into_iter()
            .find(|(k, v)| k == var && !v.is_empty())
            .map(|(_, v)| v)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("{}: cannot read", dotenv.display())),
    }
}

fn seconds(flag: &str, value: f64) -> anyhow::Result<Duration> {
    if !(value.is_finite() && value >= 0.0) {
        bail!("--{flag} must be a non-negative number of seconds");
    }
    Ok(Duration::from_secs_f64(value))
}

impl OpenAiArgs {
    /// The endpoint kind in force.
    pub fn kind(&self) -> EndpointKind {
        self.endpoint_kind
            .unwrap_or_else(|| EndpointKind::detect(self.base_url.as_deref().unwrap_or_default()))
    }

    /// The request body shape for `model` (no I/O: the API key is not read).
    pub fn shape(&self, model: &str, max_tokens: Option<usize>, no_think: bool) -> RequestShape {
        RequestShape {
            kind: self.kind(),
            model: self
                .lora_adapter
                .clone()
                .unwrap_or_else(|| model.to_string()),
            effort: self.reasoning_effort,
            max_tokens,
            no_think,
        }
    }

    /// Backend options; `model` is `--model`, `max_tokens` is `--max-tokens`.
    pub fn options(
        &self,
        model: Option<&str>,
        max_tokens: Option<usize>,
        no_think: bool,
    ) -> anyhow::Result<OpenAiOptions> {
        let base_url = self
            .base_url
            .clone()
            .context("--backend openai needs --base-url URL")?;
        let model = model.context("--backend openai needs --model NAME")?;
        let timeout = seconds("request-timeout", self.request_timeout)?;
        if timeout.is_zero() {
            bail!("--request-timeout must be positive");
        }
        let label = match &self.lora_adapter {
            Some(a) => format!("{model}+{a}"),
            None => model.to_string(),
        };
        Ok(OpenAiOptions {
            base_url,
            api_key: api_key(&self.api_key_env, Path::new(".env"))?,
            shape: self.shape(model, max_tokens, no_think),
            max_workers: self.max_workers,
            timeout,
            retry: RetryPolicy {
                max_retries: self.retries,
                base_delay: seconds("retry-base", self.retry_base)?,
                max_delay: seconds("retry-max", self.retry_max)?,
            },
            label,
        })
    }

    /// The price table in force.
    pub fn price_table(&self) -> anyhow::Result<PriceTable> {
        match &self.prices {
            Some(p) => PriceTable::load(p),
            None => Ok(PriceTable::built_in()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotenv_lines_parse() {
        let env = parse_dotenv(
            "# keys\nOPENAI_API_KEY=sk-1\nexport OTHER = \"quoted value\"\nX='y' \nBAD LINE\nZ=v # note\n",
        );
        assert_eq!(
            env,
            [
                ("OPENAI_API_KEY".to_string(), "sk-1".to_string()),
                ("OTHER".to_string(), "quoted value".to_string()),
                ("X".to_string(), "y".to_string()),
                ("Z".to_string(), "v".to_string()),
            ]
        );
    }

    #[test]
    fn api_key_comes_from_dotenv_when_the_environment_lacks_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".env");
        std::fs::write(&path, "ARC_TEST_KEY_FROM_DOTENV=secret\n").unwrap();
        assert_eq!(
            api_key("ARC_TEST_KEY_FROM_DOTENV", &path)
                .unwrap()
                .as_deref(),
            Some("secret")
        );
        assert_eq!(api_key("ARC_TEST_KEY_ABSENT", &path).unwrap(), None);
        assert_eq!(
            api_key("ARC_TEST_KEY_ABSENT", &dir.path().join("none")).unwrap(),
            None
        );
    }
}
