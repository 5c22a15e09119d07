// Token sampling and log-probabilities on the device, one thread block per row.
//
// The CPU reference is src/generate/local/sampler.rs (sample_reference) and logprobs.rs
// (token_logprobs); the comments there define the algorithm. Every floating-point step is an
// explicitly rounded intrinsic (__fmul_rn, __fadd_rn, ...) that the compiler may not
// fuse or reorder, exp is the same polynomial as exp_det, and all sums of weights are integer
// (order-independent), so this kernel and the reference choose the same token for the same
// inputs. Selections (k-th largest value, nucleus boundary, the draw) are radix selects: 8-bit
// digits from the top, a histogram of weights per digit, so no row is ever sorted.
//
// Only shared memory and __syncthreads are used for cooperation (no warp shuffles), which keeps
// the kernel runnable by the thread-per-CUDA-thread emulator in kernels/emulate/.

#include "common.cuh"

#define SAMPLE_THREADS 1024
// Candidates (tokens within TAIL_NATS of the top) kept in shared memory; rows with more are
// re-read from global memory at every radix pass.
#define SAMPLE_CAP 4096
#define LOGPROBS_MAX_TOP 20

__device__ __forceinline__ float f32_bits(u32 b) { return __int_as_float((int)b); }

// e^x for x in about [-31, 0]: see exp_det in sampler.rs (same constants, same operations, each
// multiply and add rounded on its own).
__device__ __forceinline__ float exp_det(float x) {
    const float LOG2E = f32_bits(0x3fb8aa3bu);
    const float LN2_HI = f32_bits(0x3f317200u);
    const float LN2_LO = f32_bits(0x35bfbe8eu);
    float k = floorf(__fadd_rn(__fmul_rn(x, LOG2E), 0.5f));
    float r = __fsub_rn(x, __fmul_rn(k, LN2_HI));
    r = __fsub_rn(r, __fmul_rn(k, LN2_LO));
    float p = __fadd_rn(__fmul_rn(f32_bits(0x3ab60b61u), r), f32_bits(0x3c088889u));
    p = __fadd_rn(__fmul_rn(p, r), f32_bits(0x3d2aaaabu));
    p = __fadd_rn(__fmul_rn(p, r), f32_bits(0x3e2aaaabu));
    p = __fadd_rn(__fmul_rn(p, r), 0.5f);
    p = __fadd_rn(__fmul_rn(p, r), 1.0f);
    p = __fadd_rn(__fmul_rn(p, r), 1.0f);
    int ki = (int)k;
    ki = ki < -126 ? -126 : (ki > 127 ? 127 : ki);
    return __fmul_rn(p, f32_bits((u32)(ki + 127) << 23));
}

// Fixed-point weight (2^44 scale) of a float weight in [0, 1].
__device__ __forceinline__ u64 fixed_weight(float w) {
    return __float2ull_rz(__fmul_rn(w, f32_bits(0x55800000u)));
}

// Larger floats, larger keys (non-NaN).
__device__ __forceinline__ u32 float_key(float x) {
    u32 b = (u32)__float_as_int(x);
    return (b & 0x80000000u) ? ~b : (b | 0x80000000u);
}

__device__ __forceinline__ float key_float(u32 k) {
    return f32_bits((k & 0x80000000u) ? (k & 0x7fffffffu) : ~k);
}

__device__ __forceinline__ bool valid(float x) { return x > NEG_INF; }

__device__ __forceinline__ u64 scaled_target(double u, u64 mass) {
    u64 t = __double2ull_rz(floor(__dmul_rn(u, __ull2double_rn(mass))));
    return t < mass - 1 ? t : mass - 1;
}

// Largest valid value of `x * scale` (scale 1: the raw row), NEG_INF when none is valid.
__device__ float block_max(const float* x, u32 n, float scale, float* red) {
    float m = NEG_INF;
    for (u32 i = threadIdx.x; i < n; i += blockDim.x) {
        float s = __fmul_rn(x[i], scale);
        if (valid(s) && s > m) m = s;
    }
    red[threadIdx.x] = m;
    __syncthreads();
    for (u32 half = blockDim.x / 2; half > 0; half >>= 1) {
        if (threadIdx.x < half) {
            float o = red[threadIdx.x + half];
            if (o > red[threadIdx.x]) red[threadIdx.x] = o;
        }
        __syncthreads();
    }
    float out = red[0];
    __syncthreads();
    return out;
}

// Index of the largest valid `x * scale` (lowest index among equals), 0 when none is valid.
__device__ u32 block_argmax(const float* x, u32 n, float scale, float* red, u32* red_i) {
    float best = NEG_INF;
    u32 best_i = 0xffffffffu;
    for (u32 i = threadIdx.x; i < n; i += blockDim.x) {
        float s = __fmul_rn(x[i], scale);
        if (valid(s) && (best_i == 0xffffffffu || s > best)) {
            best = s;
            best_i = i;
        }
    }
    red[threadIdx.x] = best;
    red_i[threadIdx.x] = best_i;
    __syncthreads();
    for (u32 half = blockDim.x / 2; half > 0; half >>= 1) {
        if (threadIdx.x < half) {
            u32 oi = red_i[threadIdx.x + half];
            float o = red[threadIdx.x + half];
            u32 mi = red_i[threadIdx.x];
            if (oi != 0xffffffffu &&
                (mi == 0xffffffffu || o > red[threadIdx.x] || (o == red[threadIdx.x] && oi < mi))) {
                red[threadIdx.x] = o;
                red_i[threadIdx.x] = oi;
            }
        }
        __syncthreads();
    }
    u32 out = red_i[0] == 0xffffffffu ? 0 : red_i[0];
    __syncthreads();
    return out;
}

struct Select {
    u64 prefix;
    u64 mask;
    u64 before;
};

// Weighted radix select: the first element, in descending key order, whose inclusive cumulative
// weight exceeds `target` (the caller guarantees the total weight does). `src.each(f)` calls
// f(key, weight) for this thread's share of the elements; zero weights are ignored. Leaves the
// element's key in sel->prefix and the weight of all larger keys in sel->before.
template <class Src>
__device__ void radix_select(const Src& src, int key_bits, u64 target, u64* hist, Select* sel) {
    if (threadIdx.x == 0) {
        sel->prefix = 0;
        sel->mask = 0;
        sel->before = 0;
    }
    __syncthreads();
    for (int shift = key_bits - 8; shift >= 0; shift -= 8) {
        for (u32 b = threadIdx.x; b < 256; b += blockDim.x) hist[b] = 0;
        __syncthreads();
        const u64 prefix = sel->prefix;
        const u64 mask = sel->mask;
        src.each([&](u64 key, u64 w) {
            if (w != 0 && (key & mask) == prefix) {
                atomicAdd((unsigned long long*)&hist[(key >> shift) & 255u], (unsigned long long)w);
            }
        });
        __syncthreads();
        if (threadIdx.x == 0) {
            u64 acc = sel->before;
            u32 chosen = 0;
            for (int b = 255; b >= 0; --b) {
                if (acc + hist[b] > target) {
                    chosen = (u32)b;
                    break;
                }
                acc += hist[b];
            }
            sel->before = acc;
            sel->prefix |= (u64)chosen << shift;
            sel->mask |= (u64)255u << shift;
        }
        __syncthreads();
    }
}

// Candidates: tokens whose scaled logit is at least `floor` (the top minus TAIL_NATS), either
// read from the row (`compact` false) or from the shared-memory list.
struct Candidates {
    const float* x;
    u32 n;
    float inv_t;
    float floor;
    bool compact;
    const float* cs;
    const u32* cid;
    u32 count;

    template <class F>
    __device__ void each_candidate(F f) const {
        if (compact) {
            for (u32 j = threadIdx.x; j < count; j += blockDim.x) f(cs[j], cid[j]);
        } else {
            for (u32 i = threadIdx.x; i < n; i += blockDim.x) {
                float s = __fmul_rn(x[i], inv_t);
                if (s >= floor) f(s, i);
            }
        }
    }
};

// Sources of (key, weight) pairs over the candidates, one per selection.
struct ByValue {  // k-th largest value: key (value, -id), weight 1
    const Candidates* c;
    template <class F>
    __device__ void each(F f) const {
        c->each_candidate([&](float s, u32 id) {
            f(((u64)float_key(s) << 32) | (u64)(0xffffffffu - id), 1ull);
        });
    }
};

struct ByWeight {  // kept tokens heaviest first: key (weight bits, -id), at or below `limit`
    const Candidates* c;
    float max;
    float cutoff;
    u64 limit;
    template <class F>
    __device__ void each(F f) const {
        c->each_candidate([&](float s, u32 id) {
            if (s >= cutoff) {
                float w = exp_det(__fsub_rn(s, max));
                u64 key = ((u64)(u32)__float_as_int(w) << 32) | (u64)(0xffffffffu - id);
                if (key >= limit) f(key, fixed_weight(w));
            }
        });
    }
};

struct ById {  // kept tokens in id order: key -id
    const Candidates* c;
    float max;
    float cutoff;
    template <class F>
    __device__ void each(F f) const {
        c->each_candidate([&](float s, u32 id) {
            if (s >= cutoff) f((u64)(0xffffffffu - id), fixed_weight(exp_det(__fsub_rn(s, max))));
        });
    }
};

// params: 7 doubles per row (see RowParams::pack): greedy, 1/temperature, top_k, top_p,
// ln(min_p) (-inf: off), uniform, logits row.
extern "C" __global__ void sample_rows(const float* logits, u32 vocab, const double* params,
                                       u32* out) {
    __shared__ float red[SAMPLE_THREADS];
    __shared__ u32 red_i[SAMPLE_THREADS];
    __shared__ u64 hist[256];
    __shared__ Select sel;
    __shared__ float cs[SAMPLE_CAP];
    __shared__ u32 cid[SAMPLE_CAP];
    __shared__ u32 n_cand;
    __shared__ unsigned long long total;

    const double* p = params + (size_t)blockIdx.x * 7;
    const bool greedy = p[0] != 0.0;
    const float inv_t = (float)p[1];
    const u32 top_k = (u32)p[2];
    const float top_p = (float)p[3];
    const float log_min_p = (float)p[4];
    const double u = p[5];
    const float* x = logits + (size_t)p[6] * vocab;

    if (greedy) {
        u32 id = block_argmax(x, vocab, 1.0f, red, red_i);
        if (threadIdx.x == 0) out[blockIdx.x] = id;
        return;
    }
    const float max = block_max(x, vocab, inv_t, red);
    if (!(max > NEG_INF && max < POS_INF)) {
        // No valid logit (result 0), or a +inf one, which takes all the mass.
        u32 id = block_argmax(x, vocab, inv_t, red, red_i);
        if (threadIdx.x == 0) out[blockIdx.x] = id;
        return;
    }
    const float floor_ = __fsub_rn(max, f32_bits(0x41f00000u));  // max - TAIL_NATS
    if (threadIdx.x == 0) {
        n_cand = 0;
        total = 0;
    }
    __syncthreads();
    for (u32 i = threadIdx.x; i < vocab; i += blockDim.x) {
        float s = __fmul_rn(x[i], inv_t);
        if (s >= floor_) {
            u32 slot = atomicAdd(&n_cand, 1u);
            if (slot < SAMPLE_CAP) {
                cs[slot] = s;
                cid[slot] = i;
            }
        }
    }
    __syncthreads();
    Candidates c;
    c.x = x;
    c.n = vocab;
    c.inv_t = inv_t;
    c.floor = floor_;
    c.count = n_cand;
    c.compact = n_cand <= SAMPLE_CAP;
    c.cs = cs;
    c.cid = cid;

    float cutoff = NEG_INF;
    if (top_k > 0 && top_k < c.count) {
        ByValue by_value = {&c};
        radix_select(by_value, 64, (u64)(top_k - 1), hist, &sel);
        cutoff = key_float((u32)(sel.prefix >> 32));
    }
    if (log_min_p > NEG_INF) cutoff = fmaxf(cutoff, __fadd_rn(max, log_min_p));

    u64 mine = 0;
    c.each_candidate([&](float s, u32) {
        if (s >= cutoff) mine += fixed_weight(exp_det(__fsub_rn(s, max)));
    });
    atomicAdd(&total, (unsigned long long)mine);
    __syncthreads();
    const u64 all = total;

    u32 id;
    if (top_p < 1.0f) {
        double nd = ceil(__dmul_rn((double)top_p, __ull2double_rn(all)));
        u64 needed = nd >= 18446744073709551615.0 ? all : __double2ull_rz(nd);
        if (needed < 1) needed = 1;
        if (needed > all) needed = all;
        ByWeight nucleus = {&c, max, cutoff, 0};
        radix_select(nucleus, 64, needed - 1, hist, &sel);
        const u64 boundary = sel.prefix;
        const u64 mass = sel.before + fixed_weight(f32_bits((u32)(boundary >> 32)));
        __syncthreads();
        ByWeight draw = {&c, max, cutoff, boundary};
        radix_select(draw, 64, scaled_target(u, mass), hist, &sel);
        id = 0xffffffffu - (u32)(sel.prefix & 0xffffffffu);
    } else {
        ById draw = {&c, max, cutoff};
        radix_select(draw, 32, scaled_target(u, all), hist, &sel);
        id = 0xffffffffu - (u32)sel.prefix;
    }
    if (threadIdx.x == 0) out[blockIdx.x] = id;
}

// Log-probabilities of one row of raw logits (see token_logprobs in logprobs.rs). meta: per row,
// the logits row and the chosen token. out: per row 1 + 2 * top floats: the chosen token's
// log-probability, then (id, log-probability) of the `top` most likely tokens, most likely
// first, lower id first among equals; id -1 pads rows with fewer valid logits.
struct ValidByValue {
    const float* x;
    u32 n;
    template <class F>
    __device__ void each(F f) const {
        for (u32 i = threadIdx.x; i < n; i += blockDim.x) {
            if (valid(x[i])) f(((u64)float_key(x[i]) << 32) | (u64)(0xffffffffu - i), 1ull);
        }
    }
};

extern "C" __global__ void logprobs_rows(const float* logits, u32 vocab, const u32* meta, u32 top,
                                         float* out) {
    __shared__ float red[SAMPLE_THREADS];
    __shared__ double red_d[SAMPLE_THREADS];
    __shared__ u64 hist[256];
    __shared__ Select sel;
    __shared__ u32 n_valid;
    __shared__ u32 n_top;
    __shared__ u64 top_keys[LOGPROBS_MAX_TOP];

    // The host never asks for more than LOGPROBS_MAX_TOP (it sizes `out` with the same `top`).
    if (top > LOGPROBS_MAX_TOP) top = LOGPROBS_MAX_TOP;
    const float* x = logits + (size_t)meta[2 * blockIdx.x] * vocab;
    const u32 chosen = meta[2 * blockIdx.x + 1];
    float* o = out + (size_t)blockIdx.x * (1 + 2 * top);

    const float max = block_max(x, vocab, 1.0f, red);
    double sum = 0.0;
    u32 count = 0;
    for (u32 i = threadIdx.x; i < vocab; i += blockDim.x) {
        if (valid(x[i])) {
            count += 1;
            if (max < POS_INF) sum += exp((double)__fsub_rn(x[i], max));
        }
    }
    if (threadIdx.x == 0) {
        n_valid = 0;
        n_top = 0;
    }
    red_d[threadIdx.x] = sum;
    __syncthreads();
    atomicAdd(&n_valid, count);
    for (u32 half = blockDim.x / 2; half > 0; half >>= 1) {
        if (threadIdx.x < half) red_d[threadIdx.x] += red_d[threadIdx.x + half];
        __syncthreads();
    }
    double log_total;
    if (max == POS_INF) {
        log_total = (double)POS_INF;
    } else if (max > NEG_INF) {
        log_total = (double)max + log(red_d[0]);
    } else {
        log_total = (double)NEG_INF;
    }
    // A +inf logit takes all the mass; the others get -inf.
#define LOGPROB(v) \
    (!valid(v) ? NEG_INF : ((v) == POS_INF ? 0.0f : (float)((double)(v) - log_total)))
    const u32 m = n_valid < top ? n_valid : top;
    if (m > 0) {
        ValidByValue src = {x, vocab};
        radix_select(src, 64, (u64)(m - 1), hist, &sel);
        const u64 boundary = sel.prefix;
        for (u32 i = threadIdx.x; i < vocab; i += blockDim.x) {
            if (valid(x[i])) {
                u64 key = ((u64)float_key(x[i]) << 32) | (u64)(0xffffffffu - i);
                if (key >= boundary) {
                    u32 slot = atomicAdd(&n_top, 1u);
                    if (slot < LOGPROBS_MAX_TOP) top_keys[slot] = key;
                }
            }
        }
    }
    __syncthreads();
    if (threadIdx.x == 0) {
        o[0] = chosen < vocab ? LOGPROB(x[chosen]) : NEG_INF;
        // Insertion sort, largest key first (at most 20 entries).
        for (u32 a = 1; a < m; ++a) {
            u64 k = top_keys[a];
            u32 b = a;
            while (b > 0 && top_keys[b - 1] < k) {
                top_keys[b] = top_keys[b - 1];
                --b;
            }
            top_keys[b] = k;
        }
        for (u32 j = 0; j < top; ++j) {
            if (j < m) {
                u32 id = 0xffffffffu - (u32)(top_keys[j] & 0xffffffffu);
                o[1 + 2 * j] = (float)id;
                o[2 + 2 * j] = LOGPROB(x[id]);
            } else {
                o[1 + 2 * j] = -1.0f;
                o[2 + 2 * j] = NEG_INF;
            }
        }
    }
#undef LOGPROB
}
