// Decode attention over the KV arena, and the arena's scattered writes.
//
// The arena holds, per layer, keys and values [kv_heads, capacity, head_dim]; a sequence's tokens
// are contiguous runs ("segments") of it: a task's prompt is one segment shared by all its samples,
// each sample's generated tokens another. A decode row attends to the union of its segments.
// The CPU reference is src/generate/local/attention.rs (segment_attention_reference).
//
// One block per (row, kv head, chunk of up to ATT_MAX_GROUP of that kv head's query heads): the
// block's query heads read each key and value once.
// Tokens go in tiles of ATT_THREADS: a thread scores one token for every query head, the block
// updates the running maxima and sums (online softmax), then thread i adds dimension i of the
// tile's weighted values. All arithmetic is f32; keys, values and queries may be f32, f16 or bf16.

#include "common.cuh"

#ifndef EMULATE_CUDA
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#endif

#define ATT_THREADS 256
#define ATT_MAX_GROUP 8
#define ATT_MAX_DIM 256  // == ATT_THREADS: thread i owns output dimension i

__device__ __forceinline__ float to_f32(float x) { return x; }
__device__ __forceinline__ void from_f32(float x, float* out) { *out = x; }
#ifndef EMULATE_CUDA
__device__ __forceinline__ float to_f32(__half x) { return __half2float(x); }
__device__ __forceinline__ float to_f32(__nv_bfloat16 x) { return __bfloat162float(x); }
__device__ __forceinline__ void from_f32(float x, __half* out) { *out = __float2half_rn(x); }
__device__ __forceinline__ void from_f32(float x, __nv_bfloat16* out) {
    *out = __float2bfloat16_rn(x);
}
#endif

// q: [rows, kv_heads * group, dim]; keys/values: [kv_heads, capacity, dim]; out like q. Grid:
// rows * kv_heads * ceil(group / ATT_MAX_GROUP) blocks of ATT_THREADS; dim <= ATT_MAX_DIM.
// rows_meta: per row (first segment, segment count); segments: (arena start, length) pairs.
template <class T>
__device__ void segment_attention(const T* q, const T* keys, const T* values, T* out,
                                  const u32* rows_meta, const u32* segments, u32 kv_heads,
                                  u32 group, u32 dim, u32 capacity, float scale) {
    __shared__ float qs[ATT_MAX_GROUP * ATT_MAX_DIM];
    __shared__ float scores[ATT_MAX_GROUP * ATT_THREADS];
    __shared__ float red[ATT_MAX_GROUP * ATT_THREADS];
    __shared__ float m_run[ATT_MAX_GROUP];
    __shared__ float l_run[ATT_MAX_GROUP];
    __shared__ float rescale[ATT_MAX_GROUP];

    const u32 chunks = (group + ATT_MAX_GROUP - 1) / ATT_MAX_GROUP;
    const u32 row = blockIdx.x / (kv_heads * chunks);
    const u32 kvh = blockIdx.x / chunks % kv_heads;
    const u32 chunk = blockIdx.x % chunks;
    const u32 heads = kv_heads * group;
    const u32 head0 = kvh * group + chunk * ATT_MAX_GROUP;
    // From here `group` counts the query heads of this block.
    group = group - chunk * ATT_MAX_GROUP < ATT_MAX_GROUP ? group - chunk * ATT_MAX_GROUP
                                                          : ATT_MAX_GROUP;
    const u32 tid = threadIdx.x;
    const T* qrow = q + ((size_t)row * heads + head0) * dim;
    for (u32 j = tid; j < group * dim; j += blockDim.x) qs[j] = to_f32(qrow[j]);
    if (tid < group) {
        m_run[tid] = NEG_INF;
        l_run[tid] = 0.0f;
    }
    float acc[ATT_MAX_GROUP];
    for (u32 g = 0; g < ATT_MAX_GROUP; ++g) acc[g] = 0.0f;
    __syncthreads();

    const T* kbase = keys + (size_t)kvh * capacity * dim;
    const T* vbase = values + (size_t)kvh * capacity * dim;
    const u32 first = rows_meta[2 * row];
    const u32 nseg = rows_meta[2 * row + 1];
    for (u32 s = 0; s < nseg; ++s) {
        const u32 start = segments[2 * (first + s)];
        const u32 len = segments[2 * (first + s) + 1];
        for (u32 tile = 0; tile < len; tile += blockDim.x) {
            const u32 n = len - tile < blockDim.x ? len - tile : blockDim.x;
            // Scores of this thread's token for every query head of the group.
            if (tid < n) {
                const T* k = kbase + (size_t)(start + tile + tid) * dim;
                for (u32 g = 0; g < group; ++g) {
                    float dot = 0.0f;
                    for (u32 i = 0; i < dim; ++i) dot += qs[g * dim + i] * to_f32(k[i]);
                    scores[g * blockDim.x + tid] = dot * scale;
                }
            }
            // Tile maxima per head.
            for (u32 g = 0; g < group; ++g)
                red[g * blockDim.x + tid] = tid < n ? scores[g * blockDim.x + tid] : NEG_INF;
            __syncthreads();
            for (u32 half = blockDim.x / 2; half > 0; half >>= 1) {
                if (tid < half) {
                    for (u32 g = 0; g < group; ++g) {
                        float o = red[g * blockDim.x + tid + half];
                        if (o > red[g * blockDim.x + tid]) red[g * blockDim.x + tid] = o;
                    }
                }
                __syncthreads();
            }
            if (tid < group) {
                float m_new = fmaxf(m_run[tid], red[tid * blockDim.x]);
                rescale[tid] = m_run[tid] == NEG_INF ? 0.0f : expf(m_run[tid] - m_new);
                m_run[tid] = m_new;
            }
            __syncthreads();
            // Weights of the tile's tokens, and their sums per head.
            for (u32 g = 0; g < group; ++g) {
                float p = tid < n ? expf(scores[g * blockDim.x + tid] - m_run[g]) : 0.0f;
                scores[g * blockDim.x + tid] = p;
                red[g * blockDim.x + tid] = p;
            }
            __syncthreads();
            for (u32 half = blockDim.x / 2; half > 0; half >>= 1) {
                if (tid < half) {
                    for (u32 g = 0; g < group; ++g)
                        red[g * blockDim.x + tid] += red[g * blockDim.x + tid + half];
                }
                __syncthreads();
            }
            if (tid < group) l_run[tid] = l_run[tid] * rescale[tid] + red[tid * blockDim.x];
            // Weighted values: thread i owns dimension i.
            if (tid < dim) {
                for (u32 g = 0; g < group; ++g) acc[g] *= rescale[g];
                for (u32 j = 0; j < n; ++j) {
                    float v = to_f32(vbase[(size_t)(start + tile + j) * dim + tid]);
                    for (u32 g = 0; g < group; ++g) acc[g] += scores[g * blockDim.x + j] * v;
                }
            }
            __syncthreads();
        }
    }
    if (tid < dim) {
        T* orow = out + ((size_t)row * heads + head0) * dim;
        for (u32 g = 0; g < group; ++g) {
            float l = l_run[g];
            from_f32(l > 0.0f ? acc[g] / l : 0.0f, &orow[g * dim + tid]);
        }
    }
}

// dst[h, positions[t], :] = src[t, h, :] for every token t and kv head h: src [tokens, kv_heads,
// dim], dst [kv_heads, capacity, dim]. One block per token.
template <class T>
__device__ void kv_scatter(T* dst, const T* src, const u32* positions, u32 kv_heads, u32 dim,
                           u32 capacity) {
    const u32 t = blockIdx.x;
    const u32 pos = positions[t];
    for (u32 j = threadIdx.x; j < kv_heads * dim; j += blockDim.x) {
        const u32 h = j / dim, i = j % dim;
        dst[((size_t)h * capacity + pos) * dim + i] = src[(size_t)t * kv_heads * dim + j];
    }
}

#define ATTENTION_KERNELS(T, SUFFIX)                                                            \
    extern "C" __global__ void segment_attention_##SUFFIX(                                     \
        const T* q, const T* keys, const T* values, T* out, const u32* rows_meta,              \
        const u32* segments, u32 kv_heads, u32 group, u32 dim, u32 capacity, float scale) {    \
        segment_attention<T>(q, keys, values, out, rows_meta, segments, kv_heads, group, dim, \
                             capacity, scale);                                                 \
    }                                                                                          \
    extern "C" __global__ void kv_scatter_##SUFFIX(T* dst, const T* src, const u32* positions, \
                                                   u32 kv_heads, u32 dim, u32 capacity) {      \
        kv_scatter<T>(dst, src, positions, kv_heads, dim, capacity);                           \
    }

ATTENTION_KERNELS(float, f32)
#ifndef EMULATE_CUDA
ATTENTION_KERNELS(__half, f16)
ATTENTION_KERNELS(__nv_bfloat16, bf16)
#endif
