/*
 * Walrus Merkle leaf hashes, H(0x00 || symbol) with H = Blake2b-256 (RFC 7693, no key), four symbols at
 * a time with AVX2: each 256-bit register holds the same state word of four messages of equal length,
 * so one compression advances four leaves. Our codec hashes every cell of the n x n expanded matrix
 * this way (spec section 2.1); the WASM kernels (shared/wasm) do the same with two lanes and remain the
 * path wherever this module is not built or the CPU lacks AVX2.
 *
 *   available() -> boolean                          true when the CPU has AVX2
 *   hashLeaves(memory, src, count, symbolSize, stride, out, outStride)
 *     memory: Uint8Array (typically a view of a WebAssembly memory); symbol i is
 *     memory[src + i * stride, + symbolSize), digest i goes to memory[out + i * outStride, + 32).
 *     Throws RangeError when a symbol or digest falls outside memory.
 */
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define HAVE_X86 1
#else
#define HAVE_X86 0
#endif

static const uint64_t IV[8] = {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
                               0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
                               0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
/* Parameter block word 0: digest length 32, key length 0, fanout 1, depth 1. */
#define PARAM0 0x01010020ULL

static const uint8_t SIGMA[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4}, {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13}, {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11}, {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5}, {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
};

#if HAVE_X86
#define TARGET __attribute__((target("avx2")))

TARGET static inline __m256i rotr32(__m256i x) { return _mm256_shuffle_epi32(x, _MM_SHUFFLE(2, 3, 0, 1)); }
TARGET static inline __m256i rotr24(__m256i x) {
  const __m256i r = _mm256_setr_epi8(3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10, 3, 4, 5, 6, 7, 0, 1, 2, 11,
                                     12, 13, 14, 15, 8, 9, 10);
  return _mm256_shuffle_epi8(x, r);
}
TARGET static inline __m256i rotr16(__m256i x) {
  const __m256i r = _mm256_setr_epi8(2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9, 2, 3, 4, 5, 6, 7, 0, 1, 10,
                                     11, 12, 13, 14, 15, 8, 9);
  return _mm256_shuffle_epi8(x, r);
}
TARGET static inline __m256i rotr63(__m256i x) {
  return _mm256_or_si256(_mm256_srli_epi64(x, 63), _mm256_add_epi64(x, x));
}

#define G(a, b, c, d, x, y)                              \
  do {                                                   \
    a = _mm256_add_epi64(_mm256_add_epi64(a, b), x);     \
    d = rotr32(_mm256_xor_si256(d, a));                  \
    c = _mm256_add_epi64(c, d);                          \
    b = rotr24(_mm256_xor_si256(b, c));                  \
    a = _mm256_add_epi64(_mm256_add_epi64(a, b), y);     \
    d = rotr16(_mm256_xor_si256(d, a));                  \
    c = _mm256_add_epi64(c, d);                          \
    b = rotr63(_mm256_xor_si256(b, c));                  \
  } while (0)

/* Loads word j (0..15) of four 128-byte blocks into m[j], lane i from block p[i]. */
TARGET static inline void load4(__m256i m[16], const uint8_t *const p[4]) {
  for (int j = 0; j < 16; j += 4) {
    __m256i a = _mm256_loadu_si256((const __m256i *)(p[0] + 8 * j));
    __m256i b = _mm256_loadu_si256((const __m256i *)(p[1] + 8 * j));
    __m256i c = _mm256_loadu_si256((const __m256i *)(p[2] + 8 * j));
    __m256i d = _mm256_loadu_si256((const __m256i *)(p[3] + 8 * j));
    __m256i ab_lo = _mm256_unpacklo_epi64(a, b); /* a0 b0 a2 b2 */
    __m256i ab_hi = _mm256_unpackhi_epi64(a, b); /* a1 b1 a3 b3 */
    __m256i cd_lo = _mm256_unpacklo_epi64(c, d); /* c0 d0 c2 d2 */
    __m256i cd_hi = _mm256_unpackhi_epi64(c, d); /* c1 d1 c3 d3 */
    m[j + 0] = _mm256_permute2x128_si256(ab_lo, cd_lo, 0x20);
    m[j + 1] = _mm256_permute2x128_si256(ab_hi, cd_hi, 0x20);
    m[j + 2] = _mm256_permute2x128_si256(ab_lo, cd_lo, 0x31);
    m[j + 3] = _mm256_permute2x128_si256(ab_hi, cd_hi, 0x31);
  }
}

/* One compression of four lanes: h (8 words x 4 lanes), blocks p[0..3], byte counter t, last block. */
TARGET static void compress4(__m256i h[8], const uint8_t *const p[4], uint64_t t, int last) {
  __m256i m[16];
  load4(m, p);
  __m256i v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
  __m256i v8 = _mm256_set1_epi64x((long long)IV[0]), v9 = _mm256_set1_epi64x((long long)IV[1]);
  __m256i v10 = _mm256_set1_epi64x((long long)IV[2]), v11 = _mm256_set1_epi64x((long long)IV[3]);
  __m256i v12 = _mm256_set1_epi64x((long long)(IV[4] ^ t)), v13 = _mm256_set1_epi64x((long long)IV[5]);
  __m256i v14 = _mm256_set1_epi64x((long long)(last ? ~IV[6] : IV[6])), v15 = _mm256_set1_epi64x((long long)IV[7]);
  /* Unrolled, the message schedule becomes constant register/stack offsets. */
#pragma GCC unroll 12
  for (int r = 0; r < 12; r++) {
    const uint8_t *s = SIGMA[r];
    G(v0, v4, v8, v12, m[s[0]], m[s[1]]);
    G(v1, v5, v9, v13, m[s[2]], m[s[3]]);
    G(v2, v6, v10, v14, m[s[4]], m[s[5]]);
    G(v3, v7, v11, v15, m[s[6]], m[s[7]]);
    G(v0, v5, v10, v15, m[s[8]], m[s[9]]);
    G(v1, v6, v11, v12, m[s[10]], m[s[11]]);
    G(v2, v7, v8, v13, m[s[12]], m[s[13]]);
    G(v3, v4, v9, v14, m[s[14]], m[s[15]]);
  }
  h[0] = _mm256_xor_si256(h[0], _mm256_xor_si256(v0, v8));
  h[1] = _mm256_xor_si256(h[1], _mm256_xor_si256(v1, v9));
  h[2] = _mm256_xor_si256(h[2], _mm256_xor_si256(v2, v10));
  h[3] = _mm256_xor_si256(h[3], _mm256_xor_si256(v3, v11));
  h[4] = _mm256_xor_si256(h[4], _mm256_xor_si256(v4, v12));
  h[5] = _mm256_xor_si256(h[5], _mm256_xor_si256(v5, v13));
  h[6] = _mm256_xor_si256(h[6], _mm256_xor_si256(v6, v14));
  h[7] = _mm256_xor_si256(h[7], _mm256_xor_si256(v7, v15));
}

/*
 * H(0x00 || sym[i]) for four symbols of `size` bytes (lanes may repeat a symbol). The message is
 * size + 1 bytes: block 0 is the prefix and the first 127 bytes, middle blocks are read in place one
 * byte before their message offset, the last block is copied into a zero-padded buffer.
 */
TARGET static void leaves4(const uint8_t *const sym[4], size_t size, uint8_t *const out[4]) {
  __m256i h[8];
  for (int i = 0; i < 8; i++) h[i] = _mm256_set1_epi64x((long long)(i == 0 ? IV[0] ^ PARAM0 : IV[i]));
  const size_t total = size + 1;
  const size_t blocks = (total + 127) / 128;
  const size_t last_start = (blocks - 1) * 128;
  uint8_t buf[4][128] __attribute__((aligned(32)));
  const uint8_t *p[4];
  if (blocks > 1) {
    for (int i = 0; i < 4; i++) {
      buf[i][0] = 0;
      memcpy(buf[i] + 1, sym[i], 127);
      p[i] = buf[i];
    }
    compress4(h, p, 128, 0);
    for (size_t k = 1; k + 1 < blocks; k++) {
      for (int i = 0; i < 4; i++) p[i] = sym[i] + k * 128 - 1;
      compress4(h, p, (uint64_t)(k + 1) * 128, 0);
    }
  }
  for (int i = 0; i < 4; i++) {
    memset(buf[i], 0, 128);
    if (blocks == 1) {
      memcpy(buf[i] + 1, sym[i], size);
    } else {
      memcpy(buf[i], sym[i] + last_start - 1, total - last_start);
    }
    p[i] = buf[i];
  }
  compress4(h, p, (uint64_t)total, 1);
  uint64_t words[4][4] __attribute__((aligned(32)));
  for (int w = 0; w < 4; w++) _mm256_store_si256((__m256i *)words[w], h[w]);
  for (int i = 0; i < 4; i++)
    for (int w = 0; w < 4; w++) memcpy(out[i] + 8 * w, &words[w][i], 8); /* x86 is little-endian */
}

static int has_avx2(void) {
  static int known = -1;
  if (known < 0) {
    __builtin_cpu_init();
    known = __builtin_cpu_supports("avx2") ? 1 : 0;
  }
  return known;
}
#else
static int has_avx2(void) { return 0; }
#endif

static napi_value available(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value r;
  napi_get_boolean(env, has_avx2() != 0, &r);
  return r;
}

static int get_size(napi_env env, napi_value v, size_t *out, const char *name) {
  double d;
  if (napi_get_value_double(env, v, &d) != napi_ok || !(d >= 0) || d > 9007199254740991.0 || d != (double)(size_t)d) {
    char msg[80];
    snprintf(msg, sizeof msg, "%s must be a non-negative integer", name);
    napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", msg);
    return 0;
  }
  *out = (size_t)d;
  return 1;
}

static napi_value hash_leaves(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value a[7];
  napi_get_cb_info(env, info, &argc, a, NULL, NULL);
  if (argc < 7) {
    napi_throw_type_error(env, "ERR_MISSING_ARGS", "hashLeaves(memory, src, count, symbolSize, stride, out, outStride)");
    return NULL;
  }
  bool typed = false;
  napi_typedarray_type type;
  size_t length, offset;
  void *data;
  napi_value ab;
  if (napi_is_typedarray(env, a[0], &typed) != napi_ok || !typed ||
      napi_get_typedarray_info(env, a[0], &type, &length, &data, &ab, &offset) != napi_ok ||
      type != napi_uint8_array) {
    napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", "memory must be a Uint8Array");
    return NULL;
  }
  size_t src, count, size, stride, out, out_stride;
  if (!get_size(env, a[1], &src, "src") || !get_size(env, a[2], &count, "count") ||
      !get_size(env, a[3], &size, "symbolSize") || !get_size(env, a[4], &stride, "stride") ||
      !get_size(env, a[5], &out, "out") || !get_size(env, a[6], &out_stride, "outStride"))
    return NULL;
  if (count == 0) return NULL;
  /* Bounds, without overflow: every value is below 2^53 and count - 1 < 2^53. */
  __uint128_t last_symbol = (__uint128_t)src + (__uint128_t)(count - 1) * stride + size;
  __uint128_t last_digest = (__uint128_t)out + (__uint128_t)(count - 1) * out_stride + 32;
  if (last_symbol > length || last_digest > length) {
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "hashLeaves: symbols or digests out of range");
    return NULL;
  }
  if (!has_avx2()) {
    napi_throw_error(env, "ERR_UNSUPPORTED", "hashLeaves needs AVX2");
    return NULL;
  }
#if HAVE_X86
  uint8_t *mem = data;
  for (size_t i = 0; i < count; i += 4) {
    const uint8_t *sym[4];
    uint8_t *dst[4];
    uint8_t spare[3][32];
    for (size_t l = 0; l < 4; l++) {
      if (i + l < count) {
        sym[l] = mem + src + (i + l) * stride;
        dst[l] = mem + out + (i + l) * out_stride;
      } else { /* fewer than four left: repeat the first, write to scratch */
        sym[l] = sym[0];
        dst[l] = spare[l - 1];
      }
    }
    /* Digests are written after all four are computed, so an out range overlapping the symbols of the
       same group is safe; the codec never overlaps them across groups. */
    leaves4(sym, size, dst);
  }
#endif
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_value f;
  napi_create_function(env, "available", NAPI_AUTO_LENGTH, available, NULL, &f);
  napi_set_named_property(env, exports, "available", f);
  napi_create_function(env, "hashLeaves", NAPI_AUTO_LENGTH, hash_leaves, NULL, &f);
  napi_set_named_property(env, exports, "hashLeaves", f);
  return exports;
}
