// Test driver: runs one of the project's kernels on emulated threads (cuda_emulate.h).
//   emulate KERNEL INPUT OUTPUT
// INPUT starts with u32 fields describing the launch, then the kernel's input arrays; OUTPUT
// receives the output array. The layouts are written by tests/kernel_emulation.rs.
#include "cuda_emulate.h"

#include "../attention.cu"
#include "../sampling.cu"

#include <cstdio>
#include <cstdlib>
#include <string>

static FILE* in_file;

template <class T>
static std::vector<T> read(size_t n) {
    std::vector<T> v(n);
    if (n && fread(v.data(), sizeof(T), n, in_file) != n) {
        fprintf(stderr, "emulate: input too short\n");
        exit(2);
    }
    return v;
}

static unsigned read_u32() { return read<unsigned>(1)[0]; }

template <class T>
static void write(const char* path, const std::vector<T>& v) {
    FILE* f = fopen(path, "wb");
    if (!f || fwrite(v.data(), sizeof(T), v.size(), f) != v.size()) {
        fprintf(stderr, "emulate: cannot write %s\n", path);
        exit(2);
    }
    fclose(f);
}

int main(int argc, char** argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: emulate KERNEL INPUT OUTPUT\n");
        return 2;
    }
    std::string kernel = argv[1];
    in_file = fopen(argv[2], "rb");
    if (!in_file) {
        fprintf(stderr, "emulate: cannot read %s\n", argv[2]);
        return 2;
    }
    if (kernel == "sample") {
        unsigned rows = read_u32(), vocab = read_u32(), logits_rows = read_u32(), block = read_u32();
        auto logits = read<float>((size_t)logits_rows * vocab);
        auto params = read<double>((size_t)rows * 7);
        std::vector<unsigned> out(rows);
        emulate_launch(sample_rows, rows, block, logits.data(), vocab, params.data(), out.data());
        write(argv[3], out);
    } else if (kernel == "logprobs") {
        unsigned rows = read_u32(), vocab = read_u32(), logits_rows = read_u32(), top = read_u32(),
                 block = read_u32();
        auto logits = read<float>((size_t)logits_rows * vocab);
        auto meta = read<unsigned>((size_t)rows * 2);
        std::vector<float> out((size_t)rows * (1 + 2 * top));
        emulate_launch(logprobs_rows, rows, block, logits.data(), vocab, meta.data(), top,
                       out.data());
        write(argv[3], out);
    } else if (kernel == "attention") {
        unsigned rows = read_u32(), heads = read_u32(), kv = read_u32(), dim = read_u32(),
                 capacity = read_u32(), nseg = read_u32();
        float scale = read<float>(1)[0];
        auto q = read<float>((size_t)rows * heads * dim);
        auto keys = read<float>((size_t)kv * capacity * dim);
        auto values = read<float>((size_t)kv * capacity * dim);
        auto meta = read<unsigned>((size_t)rows * 2);
        auto segments = read<unsigned>((size_t)nseg * 2);
        unsigned group = heads / kv;
        unsigned chunks = (group + ATT_MAX_GROUP - 1) / ATT_MAX_GROUP;
        std::vector<float> out((size_t)rows * heads * dim);
        emulate_launch(segment_attention_f32, rows * kv * chunks, ATT_THREADS, q.data(),
                       keys.data(), values.data(), out.data(), meta.data(), segments.data(), kv,
                       group, dim, capacity, scale);
        write(argv[3], out);
    } else if (kernel == "scatter") {
        unsigned tokens = read_u32(), kv = read_u32(), dim = read_u32(), capacity = read_u32();
        auto dst = read<float>((size_t)kv * capacity * dim);
        auto src = read<float>((size_t)tokens * kv * dim);
        auto positions = read<unsigned>(tokens);
        emulate_launch(kv_scatter_f32, tokens, 64, dst.data(), src.data(), positions.data(), kv,
                       dim, capacity);
        write(argv[3], dst);
    } else {
        fprintf(stderr, "emulate: unknown kernel %s\n", kernel.c_str());
        return 2;
    }
    return 0;
}
