//! Flags of the `local` backend (shared by `solve` and `bench gen`).

use crate::generate::local::engine::EngineOptions;
use crate::generate::local::hub;
use crate::generate::local::loader::{parse_devices, DTypeChoice};
use crate::generate::local::LocalOptions;
use anyhow::{bail, Context};
use clap::Args;
use std::path::PathBuf;

/// How the local engine loads and batches.
#[derive(Args, Debug, Clone)]
pub struct LocalArgs {
    /// Model directory, or a Hugging Face id (`Qwen/Qwen2.5-7B-Instruct`) found in the local HF
    /// cache (`HF_HOME`, `HF_HUB_CACHE`).
    #[arg(long)]
    pub model: Option<String>,
    /// Download a hub id missing from the cache (needs network).
    #[arg(long)]
    pub allow_download: bool,
    /// PEFT LoRA adapter directory merged at load; repeat for several (`solve` evaluates them in
    /// turn, `serve` serves each as its own model).
    #[arg(long)]
    pub lora: Vec<PathBuf>,
    /// Weight and activation dtype.
    #[arg(long, value_enum, default_value_t = DTypeChoice::Auto)]
    pub dtype: DTypeChoice,
    /// `cpu`, `all` (every GPU, else the CPU), or GPU ordinals like `0,1,2,3`: one engine each.
    #[arg(long, default_value = "all")]
    pub devices: String,
    /// Most sample rows decoded together per engine [default: as many as the KV budget holds at
    /// the requested lengths, capped where the GPU's roofline says more rows stop paying; 64 on
    /// the CPU].
    #[arg(long)]
    pub max_batch: Option<usize>,
    /// KV-cache budget per engine, like `6GiB` or `512MiB` [default: 80 % of free device memory].
    #[arg(long)]
    pub kv_budget: Option<String>,
    /// Prompt tokens prefilled per engine step, between the decode steps of the samples already
    /// running, so a long prompt does not stall them (0: 512).
    #[arg(long, default_value_t = 0)]
    pub prefill_chunk: usize,
    /// Qwen3: prompt in the no-think form (an empty think block opens the answer).
    #[arg(long)]
    pub no_think: bool,
    /// Prefill every prompt whole: requests whose prompts start alike (refinement prompts of one
    /// task: the system message, the instructions and the task's grids) no longer share that
    /// part's KV cache; identical prompts still do. With several `--devices`, requests are then
    /// spread by load alone (with sharing, a task's requests stay on one engine). The samples'
    /// tokens are the same either way (checked on the CPU); `bench prefix` shows the prefill and
    /// KV counts of both.
    #[arg(long)]
    pub no_prefix_sharing: bool,
}

/// Parses sizes like `512MiB`, `6GiB`, `2G` or a plain number of bytes.
pub fn parse_size(text: &str) -> anyhow::Result<usize> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let value: f64 = num
        .parse()
        .with_context(|| format!("{text:?}: not a size"))?;
    let scale = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" | "kib" => 1024.0,
        "m" | "mb" | "mib" => 1024.0 * 1024.0,
        "g" | "gb" | "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => bail!("{text:?}: unknown size unit (use B, KiB, MiB or GiB)"),
    };
    Ok((value * scale) as usize)
}

impl LocalArgs {
    /// Engine options from the flags (the expected lengths at their defaults; callers that know
    /// them set `lengths`).
    pub fn engine_options(&self) -> anyhow::Result<EngineOptions> {
        if self.max_batch == Some(0) {
            bail!("--max-batch must be at least 1");
        }
        Ok(EngineOptions {
            max_batch: self.max_batch.unwrap_or(0),
            kv_budget: self.kv_budget.as_deref().map(parse_size).transpose()?,
            prefill_chunk: self.prefill_chunk,
            prefix_sharing: !self.no_prefix_sharing,
            ..EngineOptions::default()
        })
    }

    /// Load options for one adapter (or none).
    pub fn options(&self, adapter: Option<PathBuf>) -> anyhow::Result<LocalOptions> {
        let spec = self.model.as_deref().context(
            "--backend local needs --model DIR (or a Hugging Face id in the local cache)",
        )?;
        let label = if std::path::Path::new(spec).is_dir() {
            None
        } else {
            Some(spec.to_string())
        };
        Ok(LocalOptions {
            model_dir: hub::resolve_model_dir(spec, self.allow_download)?,
            label,
            adapter,
            dtype: self.dtype,
            devices: parse_devices(&self.devices)?,
            engine: self.engine_options()?,
            no_think: self.no_think,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("512MiB").unwrap(), 512 << 20);
        assert_eq!(parse_size("1.5GiB").unwrap(), 3 << 29);
        assert_eq!(parse_size("4096").unwrap(), 4096);
        assert!(parse_size("lots").is_err());
        assert!(parse_size("3 parsecs").is_err());
    }

    #[test]
    fn no_prefix_sharing_turns_the_engine_option_off() {
        use clap::Parser;
        #[derive(Parser)]
        struct Cli {
            #[command(flatten)]
            local: LocalArgs,
        }
        let on = Cli::try_parse_from(["solve"]).unwrap();
        assert!(on.local.engine_options().unwrap().prefix_sharing);
        let off = Cli::try_parse_from(["solve", "--no-prefix-sharing"]).unwrap();
        assert!(!off.local.engine_options().unwrap().prefix_sharing);
    }
}
