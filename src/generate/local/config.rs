//! `config.json` of a Qwen-family model: parsed, checked, and turned into the shapes the model code
//! builds. Unsupported configurations are rejected here, before any weight is read.

use serde::Deserialize;
use std::path::Path;

/// Which Qwen generation a checkpoint belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QwenFamily {
    /// Qwen2 and Qwen2.5: biases on q/k/v, no q/k norm.
    Qwen2,
    /// Qwen3 dense: RMS norm on q and k per head, explicit `head_dim`, no biases by default.
    Qwen3,
}

/// The model shape and numerics, validated.
#[derive(Clone, Debug, PartialEq)]
pub struct QwenConfig {
    /// Model generation.
    pub family: QwenFamily,
    /// Vocabulary rows of the embedding and the LM head.
    pub vocab_size: usize,
    /// Residual stream width.
    pub hidden_size: usize,
    /// MLP width.
    pub intermediate_size: usize,
    /// Decoder layers.
    pub num_hidden_layers: usize,
    /// Query heads.
    pub num_attention_heads: usize,
    /// Key/value heads (grouped-query attention when fewer than query heads).
    pub num_key_value_heads: usize,
    /// Width of one head.
    pub head_dim: usize,
    /// Longest position the rotary tables cover.
    pub max_position_embeddings: usize,
    /// Rotary base.
    pub rope_theta: f64,
    /// Linear rotary scaling: positions are divided by this (1 = none).
    pub rope_linear_factor: f64,
    /// RMS norm epsilon.
    pub rms_norm_eps: f64,
    /// LM head shares the embedding matrix.
    pub tie_word_embeddings: bool,
    /// Biases on the q/k/v projections.
    pub attention_bias: bool,
}

/// Errors reading or checking `config.json`.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: cannot read model config: {source}")]
    Io {
        /// File path.
        path: String,
        /// Underlying error.
        source: std::io::Error,
    },
    /// Not valid JSON or missing fields.
    #[error("{path}: malformed model config: {source}")]
    Json {
        /// File path.
        path: String,
        /// Underlying error.
        source: serde_json::Error,
    },
    /// An architecture this engine does not implement.
    #[error("unsupported architecture {0:?}: the local engine runs dense Qwen2, Qwen2.5 and Qwen3 models (model_type qwen2 or qwen3)")]
    Architecture(String),
    /// A field combination the engine does not implement or that is inconsistent.
    #[error("unsupported model config: {0}")]
    Unsupported(String),
}

#[derive(Deserialize)]
struct RawRopeScaling {
    #[serde(alias = "type")]
    rope_type: Option<String>,
    factor: Option<f64>,
}

/// transformers 5 also writes the rotary settings as one `rope_parameters` object.
#[derive(Deserialize)]
struct RawRopeParameters {
    rope_theta: Option<f64>,
    rope_type: Option<String>,
    factor: Option<f64>,
}

#[derive(Deserialize)]
struct RawConfig {
    model_type: Option<String>,
    #[serde(default)]
    architectures: Vec<String>,
    vocab_size: usize,
    hidden_size: usize,
    intermediate_size: usize,
    num_hidden_layers: usize,
    num_attention_heads: usize,
    num_key_value_heads: Option<usize>,
    head_dim: Option<usize>,
    #[serde(default = "default_max_positions")]
    max_position_embeddings: usize,
    rope_theta: Option<f64>,
    rope_scaling: Option<RawRopeScaling>,
    rope_parameters: Option<RawRopeParameters>,
    #[serde(default = "default_eps")]
    rms_norm_eps: f64,
    #[serde(default)]
    tie_word_embeddings: bool,
    attention_bias: Option<bool>,
    #[serde(default)]
    use_sliding_window: bool,
    hidden_act: Option<String>,
}

fn default_max_positions() -> usize {
    32768
}
fn default_eps() -> f64 {
    1e-6
}

impl QwenConfig {
    /// Reads and checks `config.json`.
    pub fn from_file(path: &Path) -> Result<QwenConfig, ConfigError> {
        let display = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: display.clone(),
            source,
        })?;
        QwenConfig::from_json(&text).map_err(|e| match e {
            ConfigError::Json { source, .. } => ConfigError::Json {
                path: display,
                source,
            },
            other => other,
        })
    }

    /// Parses and checks the text of a `config.json`.
    pub fn from_json(text: &str) -> Result<QwenConfig, ConfigError> {
        let raw: RawConfig = serde_json::from_str(text).map_err(|source| ConfigError::Json {
            path: "config.json".into(),
            source,
        })?;
        let kind = raw
            .model_type
            .clone()
            .or_else(|| raw.architectures.first().cloned())
            .unwrap_or_default();
        let family = match kind.as_str() {
            "qwen2" | "Qwen2ForCausalLM" => QwenFamily::Qwen2,
            "qwen3" | "Qwen3ForCausalLM" => QwenFamily::Qwen3,
            _ => return Err(ConfigError::Architecture(kind)),
        };
        let unsupported = |m: String| Err(ConfigError::Unsupported(m));
        if let Some(act) = &raw.hidden_act {
            if act != "silu" {
                return unsupported(format!("hidden_act {act:?} (only silu)"));
            }
        }
        if raw.use_sliding_window {
            return unsupported("use_sliding_window is true (sliding-window attention)".into());
        }
        let heads = raw.num_attention_heads;
        let kv_heads = raw.num_key_value_heads.unwrap_or(heads);
        if heads == 0 || kv_heads == 0 || !heads.is_multiple_of(kv_heads) {
            return unsupported(format!(
                "num_attention_heads {heads} is not a multiple of num_key_value_heads {kv_heads}"
            ));
        }
        let head_dim = match (family, raw.head_dim) {
            (_, Some(d)) => d,
            (_, None) if raw.hidden_size.is_multiple_of(heads) => raw.hidden_size / heads,
            _ => {
                return unsupported(format!(
                    "hidden_size {} is not divisible by {heads} heads",
                    raw.hidden_size
                ))
            }
        };
        if head_dim == 0 || head_dim % 2 != 0 {
            return unsupported(format!("head_dim {head_dim} must be even"));
        }
        let params = raw.rope_parameters.as_ref();
        let rope_theta = raw
            .rope_theta
            .or_else(|| params.and_then(|p| p.rope_theta))
            .unwrap_or(10_000.0);
        let scaling = raw.rope_scaling.or_else(|| {
            params.map(|p| RawRopeScaling {
                rope_type: p.rope_type.clone(),
                factor: p.factor,
            })
        });
        let rope_linear_factor = match &scaling {
            None => 1.0,
            Some(s) => match (s.rope_type.as_deref(), s.factor) {
                (Some("default") | None, _) => 1.0,
                (Some("linear"), Some(f)) if f >= 1.0 => f,
                (t, f) => {
                    return unsupported(format!(
                        "rope_scaling type {t:?} factor {f:?} (supported: none, linear)"
                    ))
                }
            },
        };
        if raw.vocab_size == 0 || raw.hidden_size == 0 || raw.num_hidden_layers == 0 {
            return unsupported(
                "vocab_size, hidden_size and num_hidden_layers must be positive".into(),
            );
        }
        Ok(QwenConfig {
            family,
            vocab_size: raw.vocab_size,
            hidden_size: raw.hidden_size,
            intermediate_size: raw.intermediate_size,
            num_hidden_layers: raw.num_hidden_layers,
            num_attention_heads: heads,
            num_key_value_heads: kv_heads,
            head_dim,
            max_position_embeddings: raw.max_position_embeddings,
            rope_theta,
            rope_linear_factor,
            rms_norm_eps: raw.rms_norm_eps,
            tie_word_embeddings: raw.tie_word_embeddings,
            attention_bias: raw.attention_bias.unwrap_or(family == QwenFamily::Qwen2),
        })
    }

    /// Query heads per key/value head.
    pub fn group_size(&self) -> usize {
        self.num_attention_heads / self.num_key_value_heads
    }

    /// Bytes of K and V one token occupies across all layers at `dtype_bytes` per element.
    pub fn kv_bytes_per_token(&self, dtype_bytes: usize) -> usize {
        2 * self.num_hidden_layers * self.num_key_value_heads * self.head_dim * dtype_bytes
    }

    /// Parameter count (for memory estimates and the roofline in `bench gen`).
    pub fn parameter_count(&self) -> usize {
        let (h, i, d) = (self.hidden_size, self.intermediate_size, self.head_dim);
        let q = self.num_attention_heads * d;
        let kv = self.num_key_value_heads * d;
        let bias = if self.attention_bias { q + 2 * kv } else { 0 };
        let norms = 2 * h
            + if self.family == QwenFamily::Qwen3 {
                2 * d
            } else {
                0
            };
        let layer = h * (q + 2 * kv) + bias + q * h + 3 * h * i + norms;
        let embed = self.vocab_size * h;
        let head = if self.tie_word_embeddings { 0 } else { embed };
        embed + head + h + self.num_hidden_layers * layer
    }
}

/// Shapes of public Qwen checkpoints, for `bench gen --config NAME --random-weights`.
pub fn named_config(name: &str) -> Option<QwenConfig> {
    let json = match name {
        "qwen2.5-0.5b" => {
            r#"{"model_type":"qwen2","vocab_size":151936,"hidden_size":896,"intermediate_size":4864,
            "num_hidden_layers":24,"num_attention_heads":14,"num_key_value_heads":2,
            "max_position_embeddings":32768,"rope_theta":1000000.0,"tie_word_embeddings":true}"#
        }
        "qwen2.5-7b" => {
            r#"{"model_type":"qwen2","vocab_size":152064,"hidden_size":3584,"intermediate_size":18944,
            "num_hidden_layers":28,"num_attention_heads":28,"num_key_value_heads":4,
            "max_position_embeddings":32768,"rope_theta":1000000.0,"tie_word_embeddings":false}"#
        }
        "qwen3-4b" => {
            r#"{"model_type":"qwen3","vocab_size":151936,"hidden_size":2560,"intermediate_size":9728,
            "num_hidden_layers":36,"num_attention_heads":32,"num_key_value_heads":8,"head_dim":128,
            "max_position_embeddings":40960,"rope_theta":1000000.0,"tie_word_embeddings":true}"#
        }
        "tiny" => {
            r#"{"model_type":"qwen2","vocab_size":151936,"hidden_size":64,"intermediate_size":128,
            "num_hidden_layers":2,"num_attention_heads":4,"num_key_value_heads":2,
            "max_position_embeddings":32768,"rope_theta":1000000.0,"tie_word_embeddings":true}"#
        }
        _ => return None,
    };
    Some(QwenConfig::from_json(json).expect("built-in config is valid"))
}

/// Names accepted by [`named_config`].
pub const NAMED_CONFIGS: &[&str] = &["tiny", "qwen2.5-0.5b", "qwen2.5-7b", "qwen3-4b"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qwen2_defaults_head_dim_and_biases() {
        let c = named_config("qwen2.5-7b").unwrap();
        assert_eq!(c.family, QwenFamily::Qwen2);
        assert_eq!(c.head_dim, 128);
        assert_eq!(c.group_size(), 7);
        assert!(c.attention_bias);
        // Published size of Qwen2.5-7B: 7.61 B parameters.
        let p = c.parameter_count() as f64 / 1e9;
        assert!((p - 7.62).abs() < 0.02, "{p}");
        // Qwen2.5-0.5B: 0.49 B parameters (tied embeddings).
        let p = named_config("qwen2.5-0.5b").unwrap().parameter_count() as f64 / 1e9;
        assert!((p - 0.494).abs() < 0.01, "{p}");
    }

    #[test]
    fn qwen3_reads_head_dim_and_scaling() {
        let c = QwenConfig::from_json(
            r#"{"architectures":["Qwen3ForCausalLM"],"vocab_size":10,"hidden_size":16,"intermediate_size":8,
            "num_hidden_layers":1,"num_attention_heads":4,"num_key_value_heads":2,"head_dim":8,
            "rope_scaling":{"rope_type":"linear","factor":2.0}}"#,
        )
        .unwrap();
        assert_eq!(c.family, QwenFamily::Qwen3);
        assert_eq!(c.head_dim, 8);
        assert_eq!(c.rope_linear_factor, 2.0);
        assert!(!c.attention_bias);
    }

    #[test]
    fn unsupported_configs_are_rejected() {
        let base = r#""vocab_size":10,"hidden_size":16,"intermediate_size":8,"num_hidden_layers":1,"num_attention_heads":4"#;
        let err = |extra: &str| {
            QwenConfig::from_json(&format!("{{{base},{extra}}}"))
                .unwrap_err()
                .to_string()
        };
        assert!(err(r#""model_type":"llama""#).contains("unsupported architecture"));
        assert!(err(r#""model_type":"qwen2_moe""#).contains("qwen2_moe"));
        assert!(err(r#""model_type":"qwen2","num_key_value_heads":3"#).contains("multiple"));
        assert!(
            err(r#""model_type":"qwen2","rope_scaling":{"type":"yarn","factor":4.0}"#)
                .contains("yarn")
        );
        assert!(err(r#""model_type":"qwen2","use_sliding_window":true"#).contains("sliding"));
        assert!(QwenConfig::from_json("{")
            .unwrap_err()
            .to_string()
            .contains("malformed"));
    }
}
