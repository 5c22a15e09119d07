// Runs the project's CUDA kernels on the CPU for tests: every CUDA thread of a block is an OS
// thread, __syncthreads is a barrier, __shared__ variables are function statics (blocks run one
// after another), and the rounding intrinsics are the plain IEEE operations they name (compile
// with -ffp-contract=off so nothing is fused behind their back). Races the hardware would expose
// are not reproduced; arithmetic and control flow are.
#pragma once
#define EMULATE_CUDA 1

#include <atomic>
#include <barrier>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <thread>
#include <vector>

struct Dim3 {
    unsigned x = 1, y = 1, z = 1;
};
inline thread_local Dim3 threadIdx;
inline thread_local Dim3 blockIdx;
inline thread_local Dim3 blockDim;
inline thread_local Dim3 gridDim;
inline std::barrier<>* emulate_barrier = nullptr;

#define __global__
#define __device__
#define __forceinline__ inline
#define __shared__ static

inline void __syncthreads() { emulate_barrier->arrive_and_wait(); }

inline float __int_as_float(int b) {
    float f;
    std::memcpy(&f, &b, 4);
    return f;
}
inline int __float_as_int(float f) {
    int b;
    std::memcpy(&b, &f, 4);
    return b;
}
inline float __fmul_rn(float a, float b) { return a * b; }
inline float __fadd_rn(float a, float b) { return a + b; }
inline float __fsub_rn(float a, float b) { return a - b; }
inline float __fmaf_rn(float a, float b, float c) { return std::fma(a, b, c); }
inline double __dmul_rn(double a, double b) { return a * b; }
inline unsigned long long __float2ull_rz(float f) { return (unsigned long long)f; }
inline unsigned long long __double2ull_rz(double d) { return (unsigned long long)d; }
inline double __ull2double_rn(unsigned long long u) { return (double)u; }
inline float __expf(float x) { return std::exp(x); }

template <class T>
inline T atomicAdd(T* p, T v) {
    return std::atomic_ref<T>(*p).fetch_add(v);
}
inline float atomicAdd(float* p, float v) {
    std::atomic_ref<float> a(*p);
    float old = a.load();
    while (!a.compare_exchange_weak(old, old + v)) {
    }
    return old;
}

// Runs `kernel(args...)` over a grid of `grid` blocks of `block` threads.
template <class... P, class... A>
void emulate_launch(void (*kernel)(P...), unsigned grid, unsigned block, A... args) {
    for (unsigned b = 0; b < grid; ++b) {
        std::barrier<> barrier(block);
        emulate_barrier = &barrier;
        std::vector<std::thread> threads;
        threads.reserve(block);
        for (unsigned t = 0; t < block; ++t) {
            threads.emplace_back([=] {
                threadIdx.x = t;
                blockIdx.x = b;
                blockDim.x = block;
                gridDim.x = grid;
                kernel(args...);
            });
        }
        for (auto& th : threads) th.join();
    }
}
