/*
 * walrus-ts native BLS12-381 min-pk binding: a thin Node-API layer over supranational's blst (vendored in
 * ./vendor, see its README), for the Walrus ciphersuite BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_
 * (public keys: 48-byte compressed G1, signatures: 96-byte compressed G2, ZCash/IETF encoding).
 * Spec section 4 "Signed messages".
 *
 * Exports (all synchronous; Uint8Array in and out; bad input never throws, it gives false, except where
 * noted):
 *   dst(): Uint8Array                         the domain separation tag compiled in
 *   verify(sig, msg, pk): boolean
 *   verifyAggregate(sig, msg, pks[]): boolean     pks summed; false for [] or a sum at infinity
 *   verifyMany(sigs[], msgs[], pks[], rand): Uint8Array   1/0 per item; rand: 8 random bytes per item,
 *       the scalars of the random linear combination (one Miller loop per distinct key, see batch_check);
 *       items are checked one by one when the batch fails
 *   sign(msg, sk): Uint8Array(96)             throws TypeError for a secret key that is not 32 bytes in
 *       [1, r) (big-endian)
 *   hashToG2(msg): Uint8Array(96)            compressed H(msg) (tests compare it with other backends)
 *
 * Every public key is decoded, checked to be in G1 and not the identity; every signature decoded and
 * checked to be in G2 (the identity is accepted as an encoding, as noble does; it never verifies against
 * a valid key). The module keeps no state, so it is safe in worker threads (NAPI_MODULE_INIT makes it
 * context-aware).
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdlib.h>
#include <string.h>

#include "blst.h"

static const byte DST[] = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_";
#define DST_LEN (sizeof(DST) - 1)

#define MAX_ARGS 4

/* Bytes of a Uint8Array argument; false when `value` is not one. */
static bool bytes_of(napi_env env, napi_value value, const byte **data, size_t *len) {
  bool is_typed = false;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) return false;
  napi_typedarray_type type;
  void *ptr = NULL;
  size_t length = 0;
  if (napi_get_typedarray_info(env, value, &type, &length, &ptr, NULL, NULL) != napi_ok) return false;
  if (type != napi_uint8_array) return false;
  *data = (const byte *)ptr;
  *len = length;
  return true;
}

static napi_value boolean(napi_env env, bool b) {
  napi_value out;
  napi_get_boolean(env, b, &out);
  return out;
}

static napi_value new_bytes(napi_env env, const byte *data, size_t len) {
  napi_value buffer, out;
  void *dst = NULL;
  if (napi_create_arraybuffer(env, len, &dst, &buffer) != napi_ok) return NULL;
  memcpy(dst, data, len);
  if (napi_create_typedarray(env, napi_uint8_array, len, buffer, 0, &out) != napi_ok) return NULL;
  return out;
}

static size_t get_args(napi_env env, napi_callback_info info, napi_value *argv) {
  size_t argc = MAX_ARGS;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return 0;
  return argc;
}

/* A public key: 48 bytes, on the curve, in G1, not the identity. */
static bool decode_pk(const byte *data, size_t len, blst_p1_affine *out) {
  if (len != 48) return false;
  if (blst_p1_uncompress(out, data) != BLST_SUCCESS) return false;
  return !blst_p1_affine_is_inf(out) && blst_p1_affine_in_g1(out);
}

/* A signature: 96 bytes, on the curve, in G2. */
static bool decode_sig(const byte *data, size_t len, blst_p2_affine *out) {
  if (len != 96) return false;
  if (blst_p2_uncompress(out, data) != BLST_SUCCESS) return false;
  return blst_p2_affine_in_g2(out);
}

static bool core_verify(const blst_p1_affine *pk, const blst_p2_affine *sig, const byte *msg, size_t msg_len) {
  return blst_core_verify_pk_in_g1(pk, sig, true, msg, msg_len, DST, DST_LEN, NULL, 0) == BLST_SUCCESS;
}

static napi_value js_dst(napi_env env, napi_callback_info info) {
  (void)info;
  return new_bytes(env, DST, DST_LEN);
}

static napi_value js_verify(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS];
  if (get_args(env, info, argv) < 3) return boolean(env, false);
  const byte *sig_b, *msg, *pk_b;
  size_t sig_len, msg_len, pk_len;
  if (!bytes_of(env, argv[0], &sig_b, &sig_len) || !bytes_of(env, argv[1], &msg, &msg_len) ||
      !bytes_of(env, argv[2], &pk_b, &pk_len))
    return boolean(env, false);
  blst_p1_affine pk;
  blst_p2_affine sig;
  if (!decode_pk(pk_b, pk_len, &pk) || !decode_sig(sig_b, sig_len, &sig)) return boolean(env, false);
  return boolean(env, core_verify(&pk, &sig, msg, msg_len));
}

static napi_value js_verify_aggregate(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS];
  if (get_args(env, info, argv) < 3) return boolean(env, false);
  const byte *sig_b, *msg;
  size_t sig_len, msg_len;
  bool is_array = false;
  if (!bytes_of(env, argv[0], &sig_b, &sig_len) || !bytes_of(env, argv[1], &msg, &msg_len) ||
      napi_is_array(env, argv[2], &is_array) != napi_ok || !is_array)
    return boolean(env, false);
  uint32_t n = 0;
  napi_get_array_length(env, argv[2], &n);
  if (n == 0) return boolean(env, false);
  blst_p1 sum;
  for (uint32_t i = 0; i < n; i++) {
    napi_value item;
    const byte *pk_b;
    size_t pk_len;
    blst_p1_affine pk;
    if (napi_get_element(env, argv[2], i, &item) != napi_ok || !bytes_of(env, item, &pk_b, &pk_len) ||
        !decode_pk(pk_b, pk_len, &pk))
      return boolean(env, false);
    if (i == 0)
      blst_p1_from_affine(&sum, &pk);
    else
      blst_p1_add_or_double_affine(&sum, &sum, &pk);
  }
  if (blst_p1_is_inf(&sum)) return boolean(env, false);
  blst_p1_affine apk;
  blst_p1_to_affine(&apk, &sum);
  blst_p2_affine sig;
  if (!decode_sig(sig_b, sig_len, &sig)) return boolean(env, false);
  return boolean(env, core_verify(&apk, &sig, msg, msg_len));
}

typedef struct {
  blst_p1_affine pk;
  blst_p2_affine sig;
  const byte *pk_bytes;
  const byte *msg;
  size_t msg_len;
  bool ok;        /* decoded */
  uint32_t group; /* index of the first live item with the same public key bytes */
} item_t;

/*
 * The randomized batch check of every decoded item: with 64-bit scalars r_i (top bit set, never zero),
 *   e(g1, sum_i r_i sig_i) == prod over distinct keys P of e(P, sum_{i: pk_i = P} r_i H(m_i)),
 * one Miller loop per distinct key plus one, and one final exponentiation. Items with equal key bytes
 * share a Miller loop (a certificate's aggregate key repeats across blobs signed by the same members).
 */
static bool batch_check(item_t *items, uint32_t n, const byte *rand) {
  blst_p2 sig_sum, *h_sum = malloc(sizeof(blst_p2) * n);
  if (!h_sum) return false;
  bool any = false;
  for (uint32_t i = 0; i < n; i++) {
    item_t *it = &items[i];
    if (!it->ok) continue;
    byte r[8];
    memcpy(r, rand + 8 * (size_t)i, 8);
    r[7] |= 0x80;
    blst_p2 p, rp;
    blst_p2_from_affine(&p, &it->sig);
    blst_p2_mult(&rp, &p, r, 64);
    if (!any) sig_sum = rp;
    else blst_p2_add_or_double(&sig_sum, &sig_sum, &rp);
    any = true;
    blst_p2 h, rh;
    blst_hash_to_g2(&h, it->msg, it->msg_len, DST, DST_LEN, NULL, 0);
    blst_p2_mult(&rh, &h, r, 64);
    if (it->group == i) h_sum[i] = rh;
    else blst_p2_add_or_double(&h_sum[it->group], &h_sum[it->group], &rh);
  }
  blst_fp12 acc, ml;
  bool first = true;
  for (uint32_t i = 0; i < n; i++) {
    if (!items[i].ok || items[i].group != i) continue;
    blst_p2_affine q;
    blst_p2_to_affine(&q, &h_sum[i]);
    blst_miller_loop(first ? &acc : &ml, &q, &items[i].pk);
    if (!first) blst_fp12_mul(&acc, &acc, &ml);
    first = false;
  }
  free(h_sum);
  blst_p2_affine s_aff;
  blst_p2_to_affine(&s_aff, &sig_sum);
  blst_miller_loop(&ml, &s_aff, blst_p1_affine_generator());
  return blst_fp12_finalverify(&acc, &ml);
}

static napi_value js_verify_many(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS];
  if (get_args(env, info, argv) < 4) {
    napi_throw_type_error(env, NULL, "verifyMany(sigs, msgs, pks, rand)");
    return NULL;
  }
  bool a0 = false, a1 = false, a2 = false;
  napi_is_array(env, argv[0], &a0);
  napi_is_array(env, argv[1], &a1);
  napi_is_array(env, argv[2], &a2);
  uint32_t n = 0, n1 = 0, n2 = 0;
  const byte *rand;
  size_t rand_len;
  if (!a0 || !a1 || !a2 || !bytes_of(env, argv[3], &rand, &rand_len)) {
    napi_throw_type_error(env, NULL, "verifyMany(sigs, msgs, pks, rand): three arrays and a Uint8Array");
    return NULL;
  }
  napi_get_array_length(env, argv[0], &n);
  napi_get_array_length(env, argv[1], &n1);
  napi_get_array_length(env, argv[2], &n2);
  if (n1 != n || n2 != n || rand_len < 8 * (size_t)n) {
    napi_throw_type_error(env, NULL, "verifyMany: arrays of one length and 8 random bytes per item");
    return NULL;
  }
  byte *results = calloc(n ? n : 1, 1);
  item_t *items = calloc(n ? n : 1, sizeof(item_t));
  if (!results || !items) {
    free(results);
    free(items);
    napi_throw_error(env, NULL, "verifyMany: out of memory");
    return NULL;
  }
  uint32_t live = 0;
  for (uint32_t i = 0; i < n; i++) {
    napi_value s, m, p;
    const byte *sig_b, *pk_b;
    size_t sig_len, pk_len;
    item_t *it = &items[i];
    if (napi_get_element(env, argv[0], i, &s) != napi_ok || napi_get_element(env, argv[1], i, &m) != napi_ok ||
        napi_get_element(env, argv[2], i, &p) != napi_ok)
      continue;
    if (!bytes_of(env, s, &sig_b, &sig_len) || !bytes_of(env, m, &it->msg, &it->msg_len) ||
        !bytes_of(env, p, &pk_b, &pk_len))
      continue;
    it->pk_bytes = pk_b;
    it->group = i;
    /* A key seen before (same 48 bytes) is not decoded and subgroup-checked again. */
    for (uint32_t j = 0; j < i && pk_len == 48; j++) {
      if (items[j].ok && memcmp(items[j].pk_bytes, pk_b, 48) == 0) {
        it->group = items[j].group;
        it->pk = items[j].pk;
        break;
      }
    }
    it->ok = (it->group != i || decode_pk(pk_b, pk_len, &it->pk)) && decode_sig(sig_b, sig_len, &it->sig);
    if (it->ok) live++;
  }
  bool batch_ok = live > 1 && batch_check(items, n, rand);
  for (uint32_t i = 0; i < n; i++) {
    if (!items[i].ok) continue;
    results[i] = batch_ok ? 1 : core_verify(&items[i].pk, &items[i].sig, items[i].msg, items[i].msg_len);
  }
  napi_value out = new_bytes(env, results, n);
  free(results);
  free(items);
  return out;
}

static napi_value js_sign(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS];
  const byte *msg, *sk_b;
  size_t msg_len, sk_len;
  if (get_args(env, info, argv) < 2 || !bytes_of(env, argv[0], &msg, &msg_len) ||
      !bytes_of(env, argv[1], &sk_b, &sk_len) || sk_len != 32) {
    napi_throw_type_error(env, NULL, "sign(msg, sk): a BLS secret key has 32 bytes");
    return NULL;
  }
  blst_scalar sk;
  blst_scalar_from_bendian(&sk, sk_b);
  if (!blst_sk_check(&sk)) {
    napi_throw_type_error(env, NULL, "sign(msg, sk): the BLS secret key is not in [1, r)");
    return NULL;
  }
  blst_p2 h, sig;
  blst_hash_to_g2(&h, msg, msg_len, DST, DST_LEN, NULL, 0);
  blst_sign_pk_in_g1(&sig, &h, &sk);
  byte out[96];
  blst_p2_compress(out, &sig);
  memset(&sk, 0, sizeof(sk));
  return new_bytes(env, out, sizeof(out));
}

static napi_value js_hash_to_g2(napi_env env, napi_callback_info info) {
  napi_value argv[MAX_ARGS];
  const byte *msg;
  size_t msg_len;
  if (get_args(env, info, argv) < 1 || !bytes_of(env, argv[0], &msg, &msg_len)) {
    napi_throw_type_error(env, NULL, "hashToG2(msg): a Uint8Array");
    return NULL;
  }
  blst_p2 h;
  blst_hash_to_g2(&h, msg, msg_len, DST, DST_LEN, NULL, 0);
  byte out[96];
  blst_p2_compress(out, &h);
  return new_bytes(env, out, sizeof(out));
}

static bool define(napi_env env, napi_value exports, const char *name, napi_callback cb) {
  napi_value fn;
  return napi_create_function(env, name, NAPI_AUTO_LENGTH, cb, NULL, &fn) == napi_ok &&
         napi_set_named_property(env, exports, name, fn) == napi_ok;
}

NAPI_MODULE_INIT() {
  if (!define(env, exports, "dst", js_dst) || !define(env, exports, "verify", js_verify) ||
      !define(env, exports, "verifyAggregate", js_verify_aggregate) ||
      !define(env, exports, "verifyMany", js_verify_many) || !define(env, exports, "sign", js_sign) ||
      !define(env, exports, "hashToG2", js_hash_to_g2))
    return NULL;
  return exports;
}
