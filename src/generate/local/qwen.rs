//! Qwen2 / Qwen2.5 / Qwen3 dense decoder, written for the shared-prefix cache layout: prefill writes
//! a task's [`PrefixCache`] in chunks; a decode step runs every live sample of several tasks as one
//! batch through the projections and MLPs, and attends per task in two parts (see
//! [`super::attention`]). Weight names (`vb.pp` paths) are the checkpoint's.

use super::attention::{decode_attention, prefill_attention};
use super::cache::{PrefixCache, SuffixCache};
use super::config::{QwenConfig, QwenFamily};
use candle_core::{DType, Device, Module, Result, Tensor};
use candle_nn::{linear_b, linear_no_bias, Embedding, Linear, RmsNorm, VarBuilder};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Rotary cos/sin tables `[positions, head_dim / 2]` in the model dtype.
struct RotaryTables {
    cos: Tensor,
    sin: Tensor,
}

impl RotaryTables {
    fn new(cfg: &QwenConfig, dtype: DType, device: &Device) -> Result<Self> {
        let half = cfg.head_dim / 2;
        let inv_freq: Vec<f32> = (0..half)
            .map(|i| {
                let f = 1.0 / cfg.rope_theta.powf(2.0 * i as f64 / cfg.head_dim as f64);
                (f / cfg.rope_linear_factor) as f32
            })
            .collect();
        let positions = cfg.max_position_embeddings;
        let inv_freq = Tensor::from_vec(inv_freq, (1, half), device)?;
        let pos = Tensor::arange(0u32, positions as u32, device)?
            .to_dtype(DType::F32)?
            .reshape((positions, 1))?;
        let freqs = pos.broadcast_mul(&inv_freq)?;
        Ok(RotaryTables {
            cos: freqs.cos()?.to_dtype(dtype)?,
            sin: freqs.sin()?.to_dtype(dtype)?,
        })
    }

    /// Tables for consecutive positions `start..start + len`: `[len, half]`.
    fn range(&self, start: usize, len: usize) -> Result<(Tensor, Tensor)> {
        Ok((
            self.cos.narrow(0, start, len)?,
            self.sin.narrow(0, start, len)?,
        ))
    }

    /// Tables for one position per row: `[rows, 1, half]`.
    fn rows(&self, positions: &[u32]) -> Result<(Tensor, Tensor)> {
        let idx = Tensor::new(positions, self.cos.device())?;
        let pick = |t: &Tensor| -> Result<Tensor> {
            let half = t.dim(1)?;
            t.index_select(&idx, 0)?.reshape((positions.len(), 1, half))
        };
        Ok((pick(&self.cos)?, pick(&self.sin)?))
    }
}

/// Rotates `x [t, heads, d]`: with `[t, half]` tables the rows are consecutive positions of one
/// sequence; with `[t, 1, half]` each row has its own position.
fn apply_rope(x: &Tensor, cos: &Tensor, sin: &Tensor) -> Result<Tensor> {
    let (t, heads, d) = x.dims3()?;
    let x4 = if cos.rank() == 2 {
        x.reshape((1, t, heads, d))?
    } else {
        x.reshape((t, 1, heads, d))?
    };
    candle_nn::rotary_emb::rope_thd(&x4.contiguous()?, cos, sin)?.reshape((t, heads, d))
}

/// Keys and values one task's decode step reads and extends.
pub struct TaskKv<'a> {
    /// The task's prompt, shared by its samples.
    pub prefix: &'a PrefixCache,
    /// The samples' own tokens; its rows are consecutive rows of the batch.
    pub suffix: &'a mut SuffixCache,
}

struct Attention {
    q_proj: Linear,
    k_proj: Linear,
    v_proj: Linear,
    o_proj: Linear,
    q_norm: Option<RmsNorm>,
    k_norm: Option<RmsNorm>,
    heads: usize,
    kv_heads: usize,
    head_dim: usize,
    scale: f64,
}

impl Attention {
    fn new(cfg: &QwenConfig, vb: VarBuilder) -> Result<Self> {
        let (h, d) = (cfg.hidden_size, cfg.head_dim);
        let q_out = cfg.num_attention_heads * d;
        let kv_out = cfg.num_key_value_heads * d;
        let bias = cfg.attention_bias;
        let norms = cfg.family == QwenFamily::Qwen3;
        let norm = |name: &str| -> Result<Option<RmsNorm>> {
            norms
                .then(|| candle_nn::rms_norm(d, cfg.rms_norm_eps, vb.pp(name)))
                .transpose()
        };
        Ok(Attention {
            q_proj: linear_b(h, q_out, bias, vb.pp("q_proj"))?,
            k_proj: linear_b(h, kv_out, bias, vb.pp("k_proj"))?,
            v_proj: linear_b(h, kv_out, bias, vb.pp("v_proj"))?,
            o_proj: linear_no_bias(q_out, h, vb.pp("o_proj"))?,
            q_norm: norm("q_norm")?,
            k_norm: norm("k_norm")?,
            heads: cfg.num_attention_heads,
            kv_heads: cfg.num_key_value_heads,
            head_dim: d,
            scale: 1.0 / (d as f64).sqrt(),
        })
    }

    /// `x [t, hidden]` → rotated `q [t, heads, d]`, `k [t, kv, d]` and `v [t, kv, d]`.
    fn project(&self, x: &Tensor, cos: &Tensor, sin: &Tensor) -> Result<(Tensor, Tensor, Tensor)> {
        let t = x.dim(0)?;
        let mut q = self
            .q_proj
            .forward(x)?
            .reshape((t, self.heads, self.head_dim))?;
        let mut k = self
            .k_proj
            .forward(x)?
            .reshape((t, self.kv_heads, self.head_dim))?;
        let v = self
            .v_proj
            .forward(x)?
            .reshape((t, self.kv_heads, self.head_dim))?;
        if let (Some(qn), Some(kn)) = (&self.q_norm, &self.k_norm) {
            q = qn.forward(&q)?;
            k = kn.forward(&k)?;
        }
        Ok((apply_rope(&q, cos, sin)?, apply_rope(&k, cos, sin)?, v))
    }

    fn prefill(
        &self,
        x: &Tensor,
        layer: usize,
        cache: &PrefixCache,
        cos: &Tensor,
        sin: &Tensor,
    ) -> Result<Tensor> {
        let c = x.dim(0)?;
        let (q, k, v) = self.project(x, cos, sin)?;
        cache.write(layer, &k.transpose(0, 1)?, &v.transpose(0, 1)?)?;
        let (keys, values) = cache.view(layer, cache.len() + c)?;
        let out = prefill_attention(&q, &keys, &values, cache.len(), self.scale)?;
        self.o_proj
            .forward(&out.reshape((c, self.heads * self.head_dim))?)
    }

    fn decode(
        &self,
        x: &Tensor,
        layer: usize,
        tasks: &[TaskKv<'_>],
        cos: &Tensor,
        sin: &Tensor,
    ) -> Result<Tensor> {
        let rows = x.dim(0)?;
        let (q, k, v) = self.project(x, cos, sin)?;
        let mut outs = Vec::with_capacity(tasks.len());
        let mut row = 0;
        for task in tasks {
            let n = task.suffix.rows();
            let kn = k.narrow(0, row, n)?.unsqueeze(2)?;
            let vn = v.narrow(0, row, n)?.unsqueeze(2)?;
            task.suffix.write(layer, &kn, &vn)?;
            let (sk, sv) = task.suffix.view(layer, task.suffix.len() + 1)?;
            let (pk, pv) = task.prefix.view(layer, task.prefix.len())?;
            outs.push(decode_attention(
                &q.narrow(0, row, n)?,
                &pk,
                &pv,
                &sk,
                &sv,
                self.scale,
            )?);
            row += n;
        }
        let out = Tensor::cat(&outs, 0)?.reshape((rows, self.heads * self.head_dim))?;
        self.o_proj.forward(&out)
    }
}

struct Mlp {
    gate_proj: Linear,
    up_proj: Linear,
    down_proj: Linear,
}

impl Mlp {
    fn new(cfg: &QwenConfig, vb: VarBuilder) -> Result<Self> {
        let (h, i) = (cfg.hidden_size, cfg.intermediate_size);
        Ok(Mlp {
            gate_proj: linear_no_bias(h, i, vb.pp("gate_proj"))?,
            up_proj: linear_no_bias(h, i, vb.pp("up_proj"))?,
            down_proj: linear_no_bias(i, h, vb.pp("down_proj"))?,
        })
    }

    fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let gate = self.gate_proj.forward(x)?.silu()?;
        self.down_proj.forward(&(gate * self.up_proj.forward(x)?)?)
    }
}

struct DecoderLayer {
    self_attn: Attention,
    mlp: Mlp,
    input_layernorm: RmsNorm,
    post_attention_layernorm: RmsNorm,
}

impl DecoderLayer {
    fn new(cfg: &QwenConfig, vb: VarBuilder) -> Result<Self> {
        let eps = cfg.rms_norm_eps;
        Ok(DecoderLayer {
            self_attn: Attention::new(cfg, vb.pp("self_attn"))?,
            mlp: Mlp::new(cfg, vb.pp("mlp"))?,
            input_layernorm: candle_nn::rms_norm(cfg.hidden_size, eps, vb.pp("input_layernorm"))?,
            post_attention_layernorm: candle_nn::rms_norm(
                cfg.hidden_size,
                eps,
                vb.pp("post_attention_layernorm"),
            )?,
        })
    }

    /// Residual block around an attention function of the normed input.
    fn forward(
        &self,
        x: &Tensor,
        attend: impl FnOnce(&Tensor) -> Result<Tensor>,
    ) -> Result<Tensor> {
        let x = (x + attend(&self.input_layernorm.forward(x)?)?)?;
        let mlp = self
            .mlp
            .forward(&self.post_attention_layernorm.forward(&x)?)?;
        x + mlp
    }
}

/// A Qwen-family causal LM.
pub struct QwenModel {
    embed_tokens: Embedding,
    layers: Vec<DecoderLayer>,
    norm: RmsNorm,
    lm_head: Linear,
    rotary: RotaryTables,
    cfg: QwenConfig,
    dtype: DType,
    device: Device,
    /// Tensor operations the decoder layers issued in decode steps, and layer passes counted.
    layer_ops: AtomicUsize,
    layer_passes: AtomicUsize,
}

impl QwenModel {
    /// Builds the model from checkpoint weights (`model.embed_tokens`, `model.layers.N.…`,
    /// `model.norm`, `lm_head` unless tied).
    pub fn new(cfg: &QwenConfig, vb: VarBuilder) -> Result<Self> {
        let embed = vb
            .pp("model.embed_tokens")
            .get((cfg.vocab_size, cfg.hidden_size), "weight")?;
        let layers = (0..cfg.num_hidden_layers)
            .map(|i| DecoderLayer::new(cfg, vb.pp(format!("model.layers.{i}"))))
            .collect::<Result<Vec<_>>>()?;
        let lm_head = if cfg.tie_word_embeddings {
            Linear::new(embed.clone(), None)
        } else {
            linear_no_bias(cfg.hidden_size, cfg.vocab_size, vb.pp("lm_head"))?
        };
        Ok(QwenModel {
            embed_tokens: Embedding::new(embed, cfg.hidden_size),
            layers,
            norm: candle_nn::rms_norm(cfg.hidden_size, cfg.rms_norm_eps, vb.pp("model.norm"))?,
            lm_head,
            rotary: RotaryTables::new(cfg, vb.dtype(), vb.device())?,
            cfg: cfg.clone(),
            dtype: vb.dtype(),
            device: vb.device().clone(),
            layer_ops: AtomicUsize::new(0),
            layer_passes: AtomicUsize::new(0),
        })
    }

    /// The configuration it was built from.
    pub fn config(&self) -> &QwenConfig {
        &self.cfg
    }

    /// Weight and activation dtype.
    pub fn dtype(&self) -> DType {
        self.dtype
    }

    /// Where the weights live.
    pub fn device(&self) -> &Device {
        &self.device
    }

    fn embed(&self, tokens: &[u32]) -> Result<Tensor> {
        let ids = Tensor::new(tokens, &self.device)?;
        self.embed_tokens.forward(&ids)
    }

    /// Tensor operations per decoder layer per decode step, averaged over the steps since the last
    /// call (see [`super::opcount`]); `None` before any step.
    pub fn take_ops_per_layer(&self) -> Option<f64> {
        let ops = self.layer_ops.swap(0, Ordering::Relaxed);
        let passes = self.layer_passes.swap(0, Ordering::Relaxed);
        (passes > 0).then(|| ops as f64 / passes as f64)
    }

    /// The LM head: final norm and vocabulary projection of hidden states `[rows, hidden]`, as
    /// f32 logits `[rows, vocab]`.
    pub fn logits(&self, x: &Tensor) -> Result<Tensor> {
        self.lm_head
            .forward(&self.norm.forward(x)?)?
            .to_dtype(DType::F32)
    }

    /// Runs the next `tokens` of a prompt, appending their keys and values to `cache`. Returns f32
    /// logits `[tokens, vocab]`, or only the last row's `[1, vocab]` unless `all_logits` (the LM
    /// head over a whole long prompt would cost more than the rest of the chunk).
    pub fn prefill_chunk(
        &self,
        tokens: &[u32],
        cache: &mut PrefixCache,
        all_logits: bool,
    ) -> Result<Tensor> {
        let c = tokens.len();
        let start = cache.len();
        if c == 0 || start + c > cache.capacity() || start + c > self.cfg.max_position_embeddings {
            candle_core::bail!(
                "prefill of {c} tokens after {start} does not fit (cache {}, max positions {})",
                cache.capacity(),
                self.cfg.max_position_embeddings
            );
        }
        let (cos, sin) = self.rotary.range(start, c)?;
        let mut x = self.embed(tokens)?;
        for (i, layer) in self.layers.iter().enumerate() {
            x = layer.forward(&x, |h| layer.self_attn.prefill(h, i, cache, &cos, &sin))?;
        }
        cache.advance(c);
        if all_logits {
            self.logits(&x)
        } else {
            self.logits(&x.narrow(0, c - 1, 1)?)
        }
    }

    /// Prefills a whole prompt in chunks of `chunk` tokens; returns the last position's f32 logits
    /// `[vocab]`.
    pub fn prefill(&self, tokens: &[u32], cache: &mut PrefixCache, chunk: usize) -> Result<Tensor> {
        let mut last = None;
        for piece in tokens.chunks(chunk.max(1)) {
            last = Some(self.prefill_chunk(piece, cache, false)?);
        }
        match last {
            Some(l) => l.squeeze(0),
            None => candle_core::bail!("empty prompt"),
        }
    }

    /// One decode step: `tokens[r]` is the newest token of batch row `r`; rows are grouped by task
    /// in `tasks` order. Appends each row's keys and values to its task's suffix cache and returns
    /// f32 logits `[rows, vocab]`.
    pub fn decode_step(&self, tokens: &[u32], tasks: &mut [TaskKv<'_>]) -> Result<Tensor> {
        let x = self.decode_hidden(tokens, tasks)?;
        self.logits(&x)
    }

    /// [`QwenModel::decode_step`] without the LM head: the last hidden states `[rows, hidden]`.
    pub fn decode_hidden(&self, tokens: &[u32], tasks: &mut [TaskKv<'_>]) -> Result<Tensor> {
        let rows: usize = tasks.iter().map(|t| t.suffix.rows()).sum();
        if rows != tokens.len() {
            candle_core::bail!("{} tokens for {rows} batch rows", tokens.len());
        }
        let mut positions = Vec::with_capacity(rows);
        for task in tasks.iter_mut() {
            task.suffix.reserve_one()?;
            let pos = task.prefix.len() + task.suffix.len();
            if pos >= self.cfg.max_position_embeddings {
                candle_core::bail!(
                    "position {pos} is past max_position_embeddings {}",
                    self.cfg.max_position_embeddings
                );
            }
            positions.extend(std::iter::repeat_n(pos as u32, task.suffix.rows()));
        }
        let (cos, sin) = self.rotary.rows(&positions)?;
        let mut x = self.embed(tokens)?;
        for (i, layer) in self.layers.iter().enumerate() {
            let before = super::opcount::operations();
            x = layer.forward(&x, |h| layer.self_attn.decode(h, i, tasks, &cos, &sin))?;
            let ops = super::opcount::operations() - before;
            self.layer_ops.fetch_add(ops, Ordering::Relaxed);
            self.layer_passes.fetch_add(1, Ordering::Relaxed);
        }
        for task in tasks.iter_mut() {
            task.suffix.advance();
        }
        Ok(x)
    }
}
