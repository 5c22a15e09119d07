// Shared by the project's kernels (built to PTX by build.rs with the `cuda` feature, or compiled
// as C++ by the emulator in kernels/emulate/, which defines EMULATE_CUDA and the CUDA built-ins).
#pragma once

#ifndef EMULATE_CUDA
#include <stdint.h>
#endif

typedef unsigned int u32;
typedef unsigned long long u64;

#define NEG_INF __int_as_float((int)0xff800000u)
#define POS_INF __int_as_float(0x7f800000)
