//! Attention over the shared-prefix layout.
//!
//! Decoding attends in two parts: all samples of a task against the task's one prefix copy (one
//! matmul whose rows are every sample's query heads, so the prefix is read once per step, not once
//! per sample), and each sample against its own generated suffix. The two partial softmaxes are
//! merged exactly with their running maxima and sums (the log-sum-exp merge of flash-decoding).

use candle_core::{DType, Result, Tensor, D};

/// Softmax-attention over one block of keys, not yet normalised: `out = Σ exp(s - max) v`,
/// `sum = Σ exp(s - max)`, all in f32.
struct Partial {
    out: Tensor,
    max: Tensor,
    sum: Tensor,
}

/// `q [.., m, d]` against `k, v [.., L, d]` (same leading dims), unmasked: decode queries see
/// every stored key.
fn partial(q: &Tensor, k: &Tensor, v: &Tensor, scale: f64) -> Result<Partial> {
    let scores = (q.matmul(&k.t()?)? * scale)?.to_dtype(DType::F32)?;
    let max = scores.max_keepdim(D::Minus1)?;
    let p = scores.broadcast_sub(&max)?.exp()?;
    let sum = p.sum_keepdim(D::Minus1)?;
    let out = p.to_dtype(v.dtype())?.matmul(v)?.to_dtype(DType::F32)?;
    Ok(Partial { out, max, sum })
}

/// Exact softmax over the union of the two key blocks.
fn merge(a: Partial, b: Partial) -> Result<Tensor> {
    let max = a.max.maximum(&b.max)?;
    let ca = a.max.broadcast_sub(&max)?.exp()?;
    let cb = b.max.broadcast_sub(&max)?.exp()?;
    let num = (a.out.broadcast_mul(&ca)? + b.out.broadcast_mul(&cb)?)?;
    let den = (a.sum.broadcast_mul(&ca)? + b.sum.broadcast_mul(&cb)?)?;
    num.broadcast_div(&den)
}

/// One decode step of one task's samples.
///
/// `q`: `[n, heads, d]` (one new token per sample); `prefix_k/v`: `[kv, P, d]` shared by all
/// samples; `suffix_k/v`: `[n, kv, S, d]` per sample (including the new token). Query head `h` uses
/// key/value head `h / group`. Returns `[n, heads, d]` in `q`'s dtype.
pub fn decode_attention(
    q: &Tensor,
    prefix_k: &Tensor,
    prefix_v: &Tensor,
    suffix_k: &Tensor,
    suffix_v: &Tensor,
    scale: f64,
) -> Result<Tensor> {
    let (n, heads, d) = q.dims3()?;
    let kv = prefix_k.dims3()?.0;
    let group = heads / kv;
    let q4 = q.reshape((n, kv, group, d))?;
    // Prefix part: rows are (sample, query head of this kv head) → [kv, n·group, d].
    let qp = q4
        .transpose(0, 1)?
        .contiguous()?
        .reshape((kv, n * group, d))?;
    let p = partial(&qp, prefix_k, prefix_v, scale)?;
    let to_rows = |t: Tensor| -> Result<Tensor> {
        let last = t.dim(D::Minus1)?;
        t.reshape((kv, n, group, last))?.transpose(0, 1)
    };
    let p = Partial {
        out: to_rows(p.out)?,
        max: to_rows(p.max)?,
        sum: to_rows(p.sum)?,
    };
    // Suffix part: each sample against its own tokens → [n, kv, group, d].
    let s = partial(&q4, suffix_k, suffix_v, scale)?;
    merge(p, s)?
        .contiguous()?
        .reshape((n, heads, d))?
        .to_dtype(q.dtype())
}

/// Causal attention of a prefill chunk: `q [c, heads, d]` at positions `offset..offset + c` against
/// `k, v [kv, offset + c, d]` (the prompt so far, this chunk included). Returns `[c, heads, d]`.
pub fn prefill_attention(
    q: &Tensor,
    k: &Tensor,
    v: &Tensor,
    offset: usize,
    scale: f64,
) -> Result<Tensor> {
    let (c, heads, d) = q.dims3()?;
    let (kv, len, _) = k.dims3()?;
    let group = heads / kv;
    let qp = q
        .reshape((c, kv, group, d))?
        .permute((1, 2, 0, 3))?
        .contiguous()?
        .reshape((kv, group * c, d))?;
    let scores = (qp.matmul(&k.t()?)? * scale)?
        .to_dtype(DType::F32)?
        .reshape((kv, group, c, len))?;
    let mask: Vec<f32> = (0..c)
        .flat_map(|i| {
            (0..len).map(move |j| {
                if j <= offset + i {
                    0.0
                } else {
                    f32::NEG_INFINITY
                }
            })
        })
        .collect();
    let mask = Tensor::from_vec(mask, (c, len), q.device())?;
    let probs = candle_nn::ops::softmax_last_dim(&scores.broadcast_add(&mask)?)?
        .reshape((kv, group * c, len))?
        .to_dtype(v.dtype())?;
    probs
        .matmul(v)?
        .reshape((kv, group, c, d))?
        .permute((2, 0, 1, 3))?
        .contiguous()?
        .reshape((c, heads, d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::Device;

    /// Plain attention of one query row over explicit key/value rows.
    fn naive(q: &[f32], keys: &[Vec<f32>], values: &[Vec<f32>], scale: f32) -> Vec<f32> {
        let s: Vec<f32> = keys
            .iter()
            .map(|k| q.iter().zip(k).map(|(a, b)| a * b).sum::<f32>() * scale)
            .collect();
        let m = s.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
        let e: Vec<f32> = s.iter().map(|x| (x - m).exp()).collect();
        let z: f32 = e.iter().sum();
        let d = values[0].len();
        (0..d)
            .map(|j| e.iter().zip(values).map(|(w, v)| w * v[j]).sum::<f32>() / z)
            .collect()
    }

    fn rand(shape: &[usize], seed: u64) -> Tensor {
        // Deterministic values without a RNG dependency in tests.
        let n: usize = shape.iter().product();
        let v: Vec<f32> = (0..n)
            .map(|i| (((i as u64 + 1) * (seed * 2 + 7919)) % 1000) as f32 / 250.0 - 2.0)
            .collect();
        Tensor::from_vec(v, shape, &Device::Cpu).unwrap()
    }

    #[test]
    fn two_part_decode_equals_attention_over_concatenated_keys() {
        let (n, heads, kv, d, p, s) = (3, 4, 2, 4, 5, 3);
        let group = heads / kv;
        let q = rand(&[n, heads, d], 1);
        let pk = rand(&[kv, p, d], 2);
        let pv = rand(&[kv, p, d], 3);
        let sk = rand(&[n, kv, s, d], 4);
        let sv = rand(&[n, kv, s, d], 5);
        let scale = 0.5;
        let got = decode_attention(&q, &pk, &pv, &sk, &sv, scale as f64).unwrap();
        let (q, pk, pv, sk, sv, got) = (
            q.to_vec3::<f32>().unwrap(),
            pk.to_vec3::<f32>().unwrap(),
            pv.to_vec3::<f32>().unwrap(),
            sk.to_dtype(DType::F32).unwrap(),
            sv,
            got.to_vec3::<f32>().unwrap(),
        );
        let sk: Vec<Vec<Vec<Vec<f32>>>> = (0..n)
            .map(|i| sk.get(i).unwrap().to_vec3().unwrap())
            .collect();
        let sv: Vec<Vec<Vec<Vec<f32>>>> = (0..n)
            .map(|i| sv.get(i).unwrap().to_vec3().unwrap())
            .collect();
        for i in 0..n {
            for h in 0..heads {
                let g = h / group;
                let keys: Vec<Vec<f32>> = pk[g].iter().chain(&sk[i][g]).cloned().collect();
                let values: Vec<Vec<f32>> = pv[g].iter().chain(&sv[i][g]).cloned().collect();
                let want = naive(&q[i][h], &keys, &values, scale);
                for (a, b) in got[i][h].iter().zip(&want) {
                    assert!((a - b).abs() < 1e-5, "sample {i} head {h}: {a} vs {b}");
                }
            }
        }
    }

    #[test]
    fn prefill_chunk_is_causal() {
        let (c, heads, kv, d, offset) = (3, 2, 1, 4, 2);
        let q = rand(&[c, heads, d], 6);
        let k = rand(&[kv, offset + c, d], 7);
        let v = rand(&[kv, offset + c, d], 8);
        let got = prefill_attention(&q, &k, &v, offset, 0.5)
            .unwrap()
            .to_vec3::<f32>()
            .unwrap();
        let (qv, kv_, vv) = (
            q.to_vec3::<f32>().unwrap(),
            k.to_vec3::<f32>().unwrap(),
            v.to_vec3::<f32>().unwrap(),
        );
        for i in 0..c {
            for h in 0..heads {
                let visible = offset + i + 1;
                let want = naive(&qv[i][h], &kv_[0][..visible], &vv[0][..visible], 0.5);
                for (a, b) in got[i][h].iter().zip(&want) {
                    assert!((a - b).abs() < 1e-5, "row {i} head {h}: {a} vs {b}");
                }
            }
        }
    }
}
