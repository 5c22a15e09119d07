//! Qwen2 / Qwen2.5 / Qwen3 dense decoder over the KV arena ([`KvArena`]). One engine step is one
//! forward pass ([`QwenModel::forward`]) over every decode row of the batch and the prefill chunks
//! scheduled in the step ([`StepInput`]): the projections and MLPs see all of their tokens as one
//! matrix, the new keys and values go to their arena slots in one write per layer, the decode
//! rows attend in one [`segment_attention`] call per layer, and each prefill chunk attends
//! causally within its prompt. Weight names (`vb.pp` paths) are the checkpoint's.

use super::attention::{
    prefill_attention, scatter_into, segment_attention, ArenaSlots, SegmentTable,
};
use super::cache::{KvArena, Range};
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

/// Rotates `x [t, heads, d]` with `[t, 1, half]` tables: each row at its own position.
fn apply_rope(x: &Tensor, cos: &Tensor, sin: &Tensor) -> Result<Tensor> {
    let (t, heads, d) = x.dims3()?;
    let x4 = x.reshape((t, 1, heads, d))?;
    candle_nn::rotary_emb::rope_thd(&x4.contiguous()?, cos, sin)?.reshape((t, heads, d))
}

/// A prefill chunk of one step: `len` prompt tokens after the `offset` already in the arena, whose
/// run occupies `prompt` (its tokens `0..offset` written, `offset..offset + len` written by
/// this step), after the runs of `context` (a shared prefix, in order, all written).
#[derive(Clone, Debug)]
pub struct ChunkInput {
    /// Arena ranges of the prompt's tokens before this run (empty for a prompt of its own).
    pub context: Vec<Range>,
    /// The run's arena range.
    pub prompt: Range,
    /// Prompt tokens already in the arena.
    pub offset: usize,
    /// Tokens of this chunk.
    pub len: usize,
}

/// The tokens of one engine step: `decode_rows` decode rows first (one new token each, attending
/// to their segments), then the prefill chunks' tokens in order.
pub struct StepInput {
    /// Token ids.
    pub tokens: Vec<u32>,
    /// Rotary position of each token.
    pub positions: Vec<u32>,
    /// Arena slot of each token's keys and values.
    pub slots: ArenaSlots,
    /// Leading decode rows.
    pub decode_rows: usize,
    /// The decode rows' segments (the new token's slot included).
    pub segments: SegmentTable,
    /// Prefill chunks after the decode rows.
    pub chunks: Vec<ChunkInput>,
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

    /// Attention of one layer over a step's tokens: writes their keys and values to the arena,
    /// then attends (decode rows in one call, each prefill chunk within its prompt).
    fn step(
        &self,
        x: &Tensor,
        layer: usize,
        input: &StepInput,
        arena: &KvArena,
        cos: &Tensor,
        sin: &Tensor,
    ) -> Result<Tensor> {
        let t = x.dim(0)?;
        let (q, k, v) = self.project(x, cos, sin)?;
        let (keys, values) = arena.layer(layer);
        scatter_into(keys, &k, &input.slots)?;
        scatter_into(values, &v, &input.slots)?;
        let mut outs = Vec::with_capacity(1 + input.chunks.len());
        if input.decode_rows > 0 {
            let q_rows = if input.chunks.is_empty() {
                q.clone()
            } else {
                q.narrow(0, 0, input.decode_rows)?
            };
            outs.push(segment_attention(
                &q_rows,
                keys,
                values,
                &input.segments,
                self.scale,
            )?);
        }
        let mut row = input.decode_rows;
        for c in &input.chunks {
            let seen = Range {
                start: c.prompt.start,
                len: c.offset + c.len,
            };
            let (pk, pv) = arena.view(layer, seen)?;
            // Under a shared prefix: the prefix's keys and values, then the run's, in one view.
            let (pk, pv) = if c.context.is_empty() {
                (pk, pv)
            } else {
                let (mut ks, mut vs) = (Vec::new(), Vec::new());
                for r in &c.context {
                    let (k, v) = arena.view(layer, *r)?;
                    ks.push(k);
                    vs.push(v);
                }
                ks.push(pk);
                vs.push(pv);
                (Tensor::cat(&ks, 1)?, Tensor::cat(&vs, 1)?)
            };
            let before: usize = c.context.iter().map(|r| r.len).sum();
            let qc = q.narrow(0, row, c.len)?;
            outs.push(prefill_attention(
                &qc,
                &pk,
                &pv,
                before + c.offset,
                self.scale,
            )?);
            row += c.len;
        }
        let out = if outs.len() == 1 {
            outs.pop().expect("one output")
        } else {
            Tensor::cat(&outs, 0)?
        };
        self.o_proj
            .forward(&out.reshape((t, self.heads * self.head_dim))?)
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

    /// Tensor operations per decoder layer per decode step (steps with no prefill chunk),
    /// averaged over the steps since the last call (see [`super::opcount`]); `None` before any step.
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

    /// One engine step: runs `input`'s tokens through the decoder layers, writing their keys and
    /// values to their arena slots. Returns the last hidden states `[tokens, hidden]` (the LM
    /// head is [`QwenModel::logits`], run on the rows that need it).
    pub fn forward(&self, input: &StepInput, arena: &KvArena) -> Result<Tensor> {
        let n = input.tokens.len();
        let chunk_tokens: usize = input.chunks.iter().map(|c| c.len).sum();
        if n == 0
            || input.positions.len() != n
            || input.slots.len() != n
            || input.segments.len() != input.decode_rows
            || input.decode_rows + chunk_tokens != n
        {
            candle_core::bail!(
                "step of {n} tokens: {} positions, {} slots, {} decode rows with {} segment rows, {chunk_tokens} prefill tokens",
                input.positions.len(),
                input.slots.len(),
                input.decode_rows,
                input.segments.len()
            );
        }
        if let Some(p) = input
            .positions
            .iter()
            .find(|&&p| p as usize >= self.cfg.max_position_embeddings)
        {
            candle_core::bail!(
                "position {p} is past max_position_embeddings {}",
                self.cfg.max_position_embeddings
            );
        }
        let (cos, sin) = self.rotary.rows(&input.positions)?;
        let mut x = self.embed(&input.tokens)?;
        for (i, layer) in self.layers.iter().enumerate() {
            let before = super::opcount::operations();
            x = layer.forward(&x, |h| layer.self_attn.step(h, i, input, arena, &cos, &sin))?;
            if input.decode_rows > 0 && input.chunks.is_empty() {
                let ops = super::opcount::operations() - before;
                self.layer_ops.fetch_add(ops, Ordering::Relaxed);
                self.layer_passes.fetch_add(1, Ordering::Relaxed);
            }
        }
        Ok(x)
    }
}

/// One sequence run on its own arena, token by token (checks against reference logits, tools).
pub struct Solo<'m> {
    model: &'m QwenModel,
    arena: KvArena,
    prompt: Range,
    prompt_len: usize,
    suffix: Range,
    generated: usize,
}

impl<'m> Solo<'m> {
    /// Room for `prompt_capacity` prompt tokens and `max_new` generated ones.
    pub fn new(model: &'m QwenModel, prompt_capacity: usize, max_new: usize) -> Result<Self> {
        let mut arena = KvArena::new(
            model.config(),
            prompt_capacity + max_new,
            model.dtype(),
            model.device(),
        )?;
        let prompt = arena.allocate(prompt_capacity)?;
        let suffix = arena.allocate(max_new)?;
        let (Some(prompt), Some(suffix)) = (prompt, suffix) else {
            candle_core::bail!("arena too small");
        };
        Ok(Solo {
            model,
            arena,
            prompt,
            prompt_len: 0,
            suffix,
            generated: 0,
        })
    }

    /// Prefills the next `tokens` of the prompt as one chunk. Returns f32 logits of every chunk
    /// position `[c, vocab]`, or of the last one `[1, vocab]` unless `all_logits`.
    pub fn prefill(&mut self, tokens: &[u32], all_logits: bool) -> Result<Tensor> {
        let c = tokens.len();
        if c == 0 || self.prompt_len + c > self.prompt.len || self.generated > 0 {
            candle_core::bail!(
                "prefill of {c} tokens after {} does not fit {} (or decoding started)",
                self.prompt_len,
                self.prompt.len
            );
        }
        let device = self.model.device();
        let offset = self.prompt_len;
        let input = StepInput {
            tokens: tokens.to_vec(),
            positions: (offset..offset + c).map(|p| p as u32).collect(),
            slots: ArenaSlots::new(
                (offset..offset + c)
                    .map(|p| (self.prompt.start + p) as u32)
                    .collect(),
                device,
            )?,
            decode_rows: 0,
            segments: SegmentTable::new(&[], device)?,
            chunks: vec![ChunkInput {
                context: Vec::new(),
                prompt: self.prompt,
                offset,
                len: c,
            }],
        };
        let x = self.model.forward(&input, &self.arena)?;
        self.prompt_len += c;
        if all_logits {
            self.model.logits(&x)
        } else {
            self.model.logits(&x.narrow(0, c - 1, 1)?)
        }
    }

    /// Prefills a whole prompt in chunks of `chunk` tokens; returns the last position's f32
    /// logits `[vocab]`.
    pub fn prefill_all(&mut self, tokens: &[u32], chunk: usize) -> Result<Tensor> {
        let mut last = None;
        for piece in tokens.chunks(chunk.max(1)) {
            last = Some(self.prefill(piece, false)?);
        }
        match last {
            Some(l) => l.squeeze(0),
            None => candle_core::bail!("empty prompt"),
        }
    }

    /// Feeds one generated token after the prompt; returns its f32 logits `[vocab]`.
    pub fn decode(&mut self, token: u32) -> Result<Tensor> {
        if self.generated >= self.suffix.len {
            candle_core::bail!("more than {} generated tokens", self.suffix.len);
        }
        let device = self.model.device();
        let own = Range {
            start: self.suffix.start,
            len: self.generated + 1,
        };
        let input = StepInput {
            tokens: vec![token],
            positions: vec![(self.prompt_len + self.generated) as u32],
            slots: ArenaSlots::new(vec![(self.suffix.start + self.generated) as u32], device)?,
            decode_rows: 1,
            segments: SegmentTable::new(
                &[vec![
                    (self.prompt.start, self.prompt_len),
                    (own.start, own.len),
                ]],
                device,
            )?,
            chunks: Vec::new(),
        };
        let x = self.model.forward(&input, &self.arena)?;
        self.generated += 1;
        self.model.logits(&x)?.squeeze(0)
    }
}
