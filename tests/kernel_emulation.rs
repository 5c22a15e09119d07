//! The CUDA kernels of `kernels/` against their CPU references, without a GPU: `kernels/emulate`
//! compiles the `.cu` files as C++20 with every CUDA thread an OS thread and `__syncthreads` a
//! barrier (see `kernels/emulate/cuda_emulate.h`), runs them on inputs written here, and the
//! outputs must be what the engine's CPU path gives: the same token for every sampled row (the
//! algorithm is exact, see `src/generate/local/sampler.rs`), the same log-probabilities and
//! attention outputs up to float rounding, the same arena after a scattered write.
//!
//! The GPU check (`scripts/gpu-check.sh`) compares the real kernels the same way on a GPU.

use arc_solver::generate::local::attention::{
    scatter_into, segment_attention, ArenaSlots, SegmentTable,
};
use arc_solver::generate::local::logprobs::token_logprobs;
use arc_solver::generate::local::sampler::{sample_reference, DrawStream, RowParams};
use arc_solver::generate::SamplingParams;
use candle_core::{Device, Tensor};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The emulator binary, compiled once per test run.
fn emulator() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let bin = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kernel-emulator");
        let out = Command::new("g++")
            .args(["-std=c++20", "-O2", "-ffp-contract=off", "-pthread", "-o"])
            .arg(&bin)
            .arg(root.join("kernels/emulate/main.cpp"))
            .output()
            .expect("g++ runs");
        assert!(
            out.status.success(),
            "the kernels do not compile as C++:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        bin
    })
}

/// Little-endian bytes of a list of plain values.
trait Bytes {
    fn put(&self, out: &mut Vec<u8>);
}
impl Bytes for u32 {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}
impl Bytes for f32 {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}
impl Bytes for f64 {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

fn put_all<T: Bytes>(values: &[T], out: &mut Vec<u8>) {
    values.iter().for_each(|v| v.put(out));
}

/// Runs `kernel` on `input`; returns the output file's bytes.
fn emulate(kernel: &str, input: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let (inp, out) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::write(&inp, input).unwrap();
    let status = Command::new(emulator())
        .arg(kernel)
        .arg(&inp)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "emulated {kernel} failed");
    std::fs::read(out).unwrap()
}

fn u32s(b: &[u8]) -> Vec<u32> {
    b.chunks(4)
        .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
        .collect()
}

fn f32s(b: &[u8]) -> Vec<f32> {
    b.chunks(4)
        .map(|c| f32::from_le_bytes(c.try_into().unwrap()))
        .collect()
}

/// A deterministic pseudo-random stream in [0, 1).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f32 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 40) as f32) / (1u64 << 24) as f32
    }
}

/// Logits rows of several shapes: peaked (few candidates), flat (more candidates than the
/// kernel's shared-memory list), with ties, NaN and -inf entries, an all-invalid row and a +inf
/// one.
fn rows(vocab: usize) -> Vec<Vec<f32>> {
    let mut rng = Lcg(11);
    let mut out = Vec::new();
    out.push((0..vocab).map(|_| rng.next() * 40.0 - 30.0).collect());
    out.push((0..vocab).map(|_| rng.next() * 2.0).collect());
    out.push((0..vocab).map(|i| ((i * 7919) % 13) as f32 / 4.0).collect());
    let mut holes: Vec<f32> = (0..vocab).map(|_| rng.next() * 8.0).collect();
    for i in (0..vocab).step_by(3) {
        holes[i] = if i % 2 == 0 {
            f32::NAN
        } else {
            f32::NEG_INFINITY
        };
    }
    out.push(holes);
    out.push(vec![f32::NEG_INFINITY; vocab]);
    let mut inf = vec![0.0; vocab];
    inf[vocab / 2] = f32::INFINITY;
    out.push(inf);
    out
}

fn settings() -> Vec<SamplingParams> {
    let p = |temperature, top_k, top_p, min_p| SamplingParams {
        temperature,
        top_k,
        top_p,
        min_p,
        ..SamplingParams::default()
    };
    vec![
        p(0.0, 0, 1.0, 0.0),
        p(1.0, 0, 1.0, 0.0),
        p(0.6, 0, 1.0, 0.0),
        p(1.0, 50, 1.0, 0.0),
        p(1.0, 0, 0.9, 0.0),
        p(1.0, 0, 0.3, 0.0),
        p(1.3, 0, 1.0, 0.05),
        p(0.8, 40, 0.95, 0.02),
        p(1.0, 5000, 0.5, 0.0),
    ]
}

/// Samples rows `which_rows` of [`rows`] with settings `which_settings` of [`settings`], `draws`
/// uniforms each, on blocks of `block` threads.
fn check_sampling(block: u32, which_rows: &[usize], which_settings: &[usize], draws: usize) {
    let vocab = 6000;
    let rows = rows(vocab);
    let settings = settings();
    let mut picks = Vec::new();
    let mut stream = DrawStream::new(99);
    for &r in which_rows {
        for &s in which_settings {
            for _ in 0..draws {
                picks.push((r, RowParams::new(&settings[s], stream.next_uniform())));
            }
        }
    }
    let mut input = Vec::new();
    put_all(
        &[picks.len() as u32, vocab as u32, rows.len() as u32, block],
        &mut input,
    );
    put_all(&rows.concat(), &mut input);
    for (r, p) in &picks {
        put_all(&p.pack(*r), &mut input);
    }
    let got = u32s(&emulate("sample", &input));
    for ((r, p), id) in picks.iter().zip(&got) {
        assert_eq!(*id, sample_reference(&rows[*r], p), "row {r} {p:?}");
    }
}

#[test]
#[ignore = "needs g++ with C++20 (kernels/emulate runs the CUDA kernels on CPU threads)"]
fn sampling_kernel_chooses_the_reference_tokens() {
    check_sampling(64, &[0, 1, 2, 3, 4, 5], &[0, 1, 2, 3, 4, 5, 6, 7, 8], 2);
}

#[test]
#[ignore = "needs g++ with C++20 (kernels/emulate runs the CUDA kernels on CPU threads)"]
fn sampling_kernel_chooses_the_reference_tokens_with_full_blocks() {
    // The flat row (more candidates than the shared-memory list) and the one with holes.
    check_sampling(1024, &[1, 3], &[1, 4, 7], 1);
}

#[test]
#[ignore = "needs g++ with C++20 (kernels/emulate runs the CUDA kernels on CPU threads)"]
fn logprobs_kernel_matches_the_reference() {
    let vocab = 3000;
    let rows = rows(vocab);
    let top = 5u32;
    let meta: Vec<(u32, u32)> = (0..rows.len() as u32).map(|r| (r, r * 7 % 3000)).collect();
    let mut input = Vec::new();
    put_all(
        &[meta.len() as u32, vocab as u32, rows.len() as u32, top, 64],
        &mut input,
    );
    put_all(&rows.concat(), &mut input);
    for (r, t) in &meta {
        put_all(&[*r, *t], &mut input);
    }
    let got = f32s(&emulate("logprobs", &input));
    let width = 1 + 2 * top as usize;
    for ((r, t), o) in meta.iter().zip(got.chunks(width)) {
        let want = token_logprobs(&rows[*r as usize], *t, top as usize);
        let close = |a: f32, b: f32| a == b || (a - b).abs() < 1e-5;
        assert!(
            close(o[0], want.logprob),
            "row {r}: {} vs {}",
            o[0],
            want.logprob
        );
        for (j, (id, lp)) in want.top.iter().enumerate() {
            assert_eq!(o[1 + 2 * j], *id as f32, "row {r} top {j}");
            assert!(close(o[2 + 2 * j], *lp), "row {r} top {j}");
        }
        for j in want.top.len()..top as usize {
            assert_eq!(o[1 + 2 * j], -1.0, "row {r}: padding");
        }
    }
}

fn random(n: usize, rng: &mut Lcg) -> Vec<f32> {
    (0..n).map(|_| rng.next() * 2.0 - 1.0).collect()
}

#[test]
#[ignore = "needs g++ with C++20 (kernels/emulate runs the CUDA kernels on CPU threads)"]
fn attention_kernel_matches_the_cpu_attention() {
    let mut rng = Lcg(5);
    // 10 query heads over 2 kv heads: groups of 5; 20 over 2: groups of 10 (two blocks each).
    for (heads, kv, dim) in [(10usize, 2usize, 16usize), (20, 2, 8), (4, 4, 32)] {
        let (rows, capacity) = (3usize, 700usize);
        let q = random(rows * heads * dim, &mut rng);
        let keys = random(kv * capacity * dim, &mut rng);
        let values = random(kv * capacity * dim, &mut rng);
        // Rows 0 and 1 share a prompt longer than a tile; row 2 has one short segment.
        let segs = vec![
            vec![(0usize, 300usize), (400, 7)],
            vec![(0, 300), (500, 1)],
            vec![(600, 90)],
        ];
        let mut input = Vec::new();
        let nseg: usize = segs.iter().map(Vec::len).sum();
        put_all(
            &[rows, heads, kv, dim, capacity, nseg].map(|v| v as u32),
            &mut input,
        );
        let scale = 1.0 / (dim as f32).sqrt();
        put_all(&[scale], &mut input);
        put_all(&q, &mut input);
        put_all(&keys, &mut input);
        put_all(&values, &mut input);
        let mut first = 0u32;
        for s in &segs {
            put_all(&[first, s.len() as u32], &mut input);
            first += s.len() as u32;
        }
        for s in segs.iter().flatten() {
            put_all(&[s.0 as u32, s.1 as u32], &mut input);
        }
        let got = f32s(&emulate("attention", &input));
        let cpu = Device::Cpu;
        let table = SegmentTable::new(&segs, &cpu).unwrap();
        let want = segment_attention(
            &Tensor::from_vec(q, (rows, heads, dim), &cpu).unwrap(),
            &Tensor::from_vec(keys, (kv, capacity, dim), &cpu).unwrap(),
            &Tensor::from_vec(values, (kv, capacity, dim), &cpu).unwrap(),
            &table,
            f64::from(scale),
        )
        .unwrap()
        .flatten_all()
        .unwrap()
        .to_vec1::<f32>()
        .unwrap();
        for (i, (a, b)) in got.iter().zip(&want).enumerate() {
            assert!(
                (a - b).abs() < 1e-5,
                "heads {heads}/{kv} dim {dim} at {i}: {a} vs {b}"
            );
        }
    }
}

#[test]
#[ignore = "needs g++ with C++20 (kernels/emulate runs the CUDA kernels on CPU threads)"]
fn scatter_kernel_writes_what_the_cpu_writes() {
    let mut rng = Lcg(8);
    let (tokens, kv, dim, capacity) = (5usize, 3usize, 16usize, 40usize);
    let dst = random(kv * capacity * dim, &mut rng);
    let src = random(tokens * kv * dim, &mut rng);
    let positions = [7u32, 0, 39, 12, 13];
    let mut input = Vec::new();
    put_all(&[tokens, kv, dim, capacity].map(|v| v as u32), &mut input);
    put_all(&dst, &mut input);
    put_all(&src, &mut input);
    put_all(&positions, &mut input);
    let got = f32s(&emulate("scatter", &input));
    let cpu = Device::Cpu;
    let arena = Tensor::from_vec(dst, (kv, capacity, dim), &cpu).unwrap();
    let slots = ArenaSlots::new(positions.to_vec(), &cpu).unwrap();
    let src = Tensor::from_vec(src, (tokens, kv, dim), &cpu).unwrap();
    scatter_into(&arena, &src, &slots).unwrap();
    let want = arena.flatten_all().unwrap().to_vec1::<f32>().unwrap();
    assert_eq!(got, want);
}
