//! PEFT LoRA adapters (`adapter_config.json` + `adapter_model.safetensors`), merged into the base
//! weights at load time: `W += scale · B·A` with `scale = lora_alpha / r` (`/ √r` with rsLoRA), and
//! per-module `rank_pattern` / `alpha_pattern` overrides.

use candle_core::{DType, Device, Tensor};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Errors loading or applying an adapter.
#[derive(Debug, thiserror::Error)]
pub enum LoraError {
    /// A file could not be read or parsed.
    #[error("{path}: {message}")]
    File {
        /// File path.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// The adapter uses a feature this loader does not merge.
    #[error("{path}: unsupported adapter: {message}")]
    Unsupported {
        /// Adapter directory.
        path: String,
        /// What is unsupported.
        message: String,
    },
    /// A LoRA pair does not fit the base weight it targets.
    #[error("adapter {adapter}: {message}")]
    Mismatch {
        /// Adapter name.
        adapter: String,
        /// What does not fit.
        message: String,
    },
}

#[derive(Deserialize)]
struct RawAdapterConfig {
    #[serde(default)]
    peft_type: Option<String>,
    r: usize,
    lora_alpha: f64,
    #[serde(default)]
    use_rslora: bool,
    #[serde(default)]
    use_dora: bool,
    #[serde(default)]
    fan_in_fan_out: bool,
    #[serde(default)]
    rank_pattern: BTreeMap<String, usize>,
    #[serde(default)]
    alpha_pattern: BTreeMap<String, f64>,
    #[serde(default)]
    lora_bias: bool,
}

/// One low-rank update: `delta = scale · B·A` for the base weight `target`.
struct LoraPair {
    a: Tensor,
    b: Tensor,
    scale: f64,
}

/// A loaded adapter, ready to merge.
pub struct LoraAdapter {
    /// Name used in labels and the store (the directory name).
    pub name: String,
    /// Adapter directory.
    pub dir: PathBuf,
    /// Low-rank pairs by base weight name (`model.layers.0.self_attn.q_proj.weight`).
    pairs: BTreeMap<String, LoraPair>,
    /// Whole weights the adapter replaces (`modules_to_save`).
    replacements: BTreeMap<String, Tensor>,
}

/// PEFT's module-name pattern rule: the key matches the whole name or a dotted suffix of it.
fn pattern_matches(module: &str, key: &str) -> bool {
    module == key || module.ends_with(&format!(".{key}"))
}

impl LoraAdapter {
    /// Reads an adapter directory (tensors stay on the CPU in f32 until merged).
    pub fn load(dir: &Path) -> Result<LoraAdapter, LoraError> {
        let file_err = |path: &Path, message: String| LoraError::File {
            path: path.display().to_string(),
            message,
        };
        let config_path = dir.join("adapter_config.json");
        let text = std::fs::read_to_string(&config_path)
            .map_err(|e| file_err(&config_path, format!("cannot read adapter config: {e}")))?;
        let cfg: RawAdapterConfig = serde_json::from_str(&text)
            .map_err(|e| file_err(&config_path, format!("malformed adapter config: {e}")))?;
        let unsupported = |message: &str| LoraError::Unsupported {
            path: dir.display().to_string(),
            message: message.to_string(),
        };
        if cfg.peft_type.as_deref().is_some_and(|t| t != "LORA") {
            return Err(unsupported(&format!(
                "peft_type {:?} (only LORA)",
                cfg.peft_type.unwrap_or_default()
            )));
        }
        if cfg.use_dora {
            return Err(unsupported("DoRA (use_dora) adapters"));
        }
        if cfg.lora_bias {
            return Err(unsupported("lora_bias"));
        }
        if cfg.r == 0 {
            return Err(unsupported("r = 0"));
        }
        let weights_path = dir.join("adapter_model.safetensors");
        let tensors = candle_core::safetensors::load(&weights_path, &Device::Cpu)
            .map_err(|e| file_err(&weights_path, format!("cannot read adapter weights: {e}")))?;
        let name = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut halves: BTreeMap<String, (Option<Tensor>, Option<Tensor>)> = BTreeMap::new();
        let mut replacements = BTreeMap::new();
        for (key, tensor) in tensors {
            let key_f32 = |t: Tensor| {
                t.to_dtype(DType::F32)
                    .map_err(|e| file_err(&weights_path, format!("{key}: {e}")))
            };
            let stripped = key.strip_prefix("base_model.model.").unwrap_or(&key);
            if let Some(module) = stripped.strip_suffix(".lora_A.weight") {
                halves.entry(module.to_string()).or_default().0 = Some(key_f32(tensor)?);
            } else if let Some(module) = stripped.strip_suffix(".lora_B.weight") {
                halves.entry(module.to_string()).or_default().1 = Some(key_f32(tensor)?);
            } else if stripped.contains(".modules_to_save.") || !stripped.contains("lora_") {
                let base = stripped
                    .replace(".modules_to_save.default.", ".")
                    .replace(".modules_to_save.", ".");
                replacements.insert(base, tensor);
            } else {
                return Err(unsupported(&format!("tensor {key} (not a LoRA A/B pair)")));
            }
        }
        let mut pairs = BTreeMap::new();
        for (module, (a, b)) in halves {
            let (Some(mut a), Some(mut b)) = (a, b) else {
                return Err(unsupported(&format!(
                    "{module} has only one of lora_A / lora_B"
                )));
            };
            if cfg.fan_in_fan_out {
                (a, b) = (
                    a.t()
                        .and_then(|t| t.contiguous())
                        .map_err(|e| unsupported(&e.to_string()))?,
                    b.t()
                        .and_then(|t| t.contiguous())
                        .map_err(|e| unsupported(&e.to_string()))?,
                );
            }
            let rank = cfg
                .rank_pattern
                .iter()
                .find(|(k, _)| pattern_matches(&module, k))
                .map_or(cfg.r, |(_, r)| *r);
            let alpha = cfg
                .alpha_pattern
                .iter()
                .find(|(k, _)| pattern_matches(&module, k))
                .map_or(cfg.lora_alpha, |(_, a)| *a);
            let scale = if cfg.use_rslora {
                alpha / (rank as f64).sqrt()
            } else {
                alpha / rank as f64
            };
            pairs.insert(format!("{module}.weight"), LoraPair { a, b, scale });
        }
        if pairs.is_empty() && replacements.is_empty() {
            return Err(unsupported("no LoRA tensors in adapter_model.safetensors"));
        }
        Ok(LoraAdapter {
            name,
            dir: dir.to_path_buf(),
            pairs,
            replacements,
        })
    }

    /// Base weight names the adapter changes.
    pub fn targets(&self) -> impl Iterator<Item = &str> {
        self.pairs
            .keys()
            .chain(self.replacements.keys())
            .map(String::as_str)
    }

    /// Merges into a map of base weights (already in their final dtype and device). Every target
    /// must exist with a matching shape.
    pub fn merge_into(&self, weights: &mut HashMap<String, Tensor>) -> Result<(), LoraError> {
        let mismatch = |message: String| LoraError::Mismatch {
            adapter: self.name.clone(),
            message,
        };
        for (name, pair) in &self.pairs {
            let base = weights.get(name).ok_or_else(|| {
                mismatch(format!(
                    "targets {name}, which the base model does not have"
                ))
            })?;
            let merged = (|| {
                let delta = (pair.b.matmul(&pair.a)? * pair.scale)?;
                if delta.dims() != base.dims() {
                    candle_core::bail!(
                        "LoRA update of {name} has shape {:?}, base weight {:?}",
                        delta.dims(),
                        base.dims()
                    );
                }
                let delta = delta.to_device(base.device())?;
                (base.to_dtype(DType::F32)? + delta)?.to_dtype(base.dtype())
            })()
            .map_err(|e| mismatch(e.to_string()))?;
            weights.insert(name.clone(), merged);
        }
        for (name, tensor) in &self.replacements {
            let base = weights.get(name).ok_or_else(|| {
                mismatch(format!(
                    "replaces {name}, which the base model does not have"
                ))
            })?;
            if tensor.dims() != base.dims() {
                return Err(mismatch(format!(
                    "{name} has shape {:?}, base weight {:?}",
                    tensor.dims(),
                    base.dims()
                )));
            }
            let t = tensor
                .to_dtype(base.dtype())
                .and_then(|t| t.to_device(base.device()))
                .map_err(|e| mismatch(e.to_string()))?;
            weights.insert(name.clone(), t);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_adapter(dir: &Path, config: &str, tensors: &[(&str, Tensor)]) {
        std::fs::write(dir.join("adapter_config.json"), config).unwrap();
        let map: HashMap<String, Tensor> = tensors
            .iter()
            .map(|(k, t)| (k.to_string(), t.clone()))
            .collect();
        candle_core::safetensors::save(&map, dir.join("adapter_model.safetensors")).unwrap();
    }

    #[test]
    fn merge_adds_scaled_low_rank_product() {
        let dir = tempfile::tempdir().unwrap();
        let a = Tensor::new(&[[1f32, 2.0]], &Device::Cpu).unwrap(); // r=1, in=2
        let b = Tensor::new(&[[1f32], [3.0]], &Device::Cpu).unwrap(); // out=2
        write_adapter(
            dir.path(),
            r#"{"peft_type":"LORA","r":1,"lora_alpha":2,"alpha_pattern":{"v_proj":4}}"#,
            &[
                (
                    "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight",
                    a.clone(),
                ),
                (
                    "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight",
                    b.clone(),
                ),
                (
                    "base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight",
                    a,
                ),
                (
                    "base_model.model.model.layers.0.self_attn.v_proj.lora_B.weight",
                    b,
                ),
            ],
        );
        let adapter = LoraAdapter::load(dir.path()).unwrap();
        let zero = Tensor::zeros((2, 2), DType::F32, &Device::Cpu).unwrap();
        let mut weights = HashMap::from([
            (
                "model.layers.0.self_attn.q_proj.weight".to_string(),
                zero.clone(),
            ),
            ("model.layers.0.self_attn.v_proj.weight".to_string(), zero),
        ]);
        adapter.merge_into(&mut weights).unwrap();
        let q = weights["model.layers.0.self_attn.q_proj.weight"]
            .to_vec2::<f32>()
            .unwrap();
        assert_eq!(q, vec![vec![2.0, 4.0], vec![6.0, 12.0]]);
        let v = weights["model.layers.0.self_attn.v_proj.weight"]
            .to_vec2::<f32>()
            .unwrap();
        assert_eq!(v, vec![vec![4.0, 8.0], vec![12.0, 24.0]]);
    }

    #[test]
    fn bad_adapters_get_clear_errors() {
        let dir = tempfile::tempdir().unwrap();
        let err = LoraAdapter::load(dir.path()).err().unwrap().to_string();
        assert!(err.contains("adapter_config.json"), "{err}");
        let a = Tensor::ones((1, 3), DType::F32, &Device::Cpu).unwrap();
        let b = Tensor::ones((2, 1), DType::F32, &Device::Cpu).unwrap();
        write_adapter(
            dir.path(),
            r#"{"r":1,"lora_alpha":1}"#,
            &[
                ("base_model.model.x.lora_A.weight", a.clone()),
                ("base_model.model.x.lora_B.weight", b),
            ],
        );
        let adapter = LoraAdapter::load(dir.path()).unwrap();
        let mut weights = HashMap::from([(
            "x.weight".to_string(),
            Tensor::zeros((2, 2), DType::F32, &Device::Cpu).unwrap(),
        )]);
        let err = adapter.merge_into(&mut weights).unwrap_err().to_string();
        assert!(err.contains("shape"), "{err}");
        let mut empty = HashMap::new();
        let err = adapter.merge_into(&mut empty).unwrap_err().to_string();
        assert!(err.contains("does not have"), "{err}");
        write_adapter(
            dir.path(),
            r#"{"r":1,"lora_alpha":1,"use_dora":true}"#,
            &[("base_model.model.x.lora_A.weight", a)],
        );
        let err = LoraAdapter::load(dir.path()).err().unwrap().to_string();
        assert!(err.contains("DoRA"), "{err}");
    }
}
