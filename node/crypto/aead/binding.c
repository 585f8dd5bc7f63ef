/*
 * ChaCha20-Poly1305 (RFC 8439, the AEAD of the Noise protocol libp2p uses) for Node, over the OpenSSL
 * that Node itself links and exports. No OpenSSL headers are needed: the few EVP prototypes below are
 * OpenSSL's stable 1.1/3.x API, resolved against the running Node binary when the module loads.
 *
 * Why: node:crypto's Cipher objects cost an allocation and copy per 64 KiB Noise message (output buffer,
 * then the tag), plus a new EVP context per message. Here one context per Node environment (main thread
 * or worker) is reused, the caller owns the output memory, and decryption can run in place.
 *
 *   seal(out, plaintext, nonce, ad, key) -> true
 *     plaintext: Uint8Array or array of Uint8Array (encrypted as their concatenation);
 *     out.length == total plaintext length + 16 (ciphertext, then the 16-byte tag).
 *   open(out, ciphertext, tag, nonce, ad, key) -> boolean
 *     ciphertext: Uint8Array or array of Uint8Array; out.length == total ciphertext length; out may be
 *     the (single) ciphertext array itself (in place). false, with out zeroed, when the tag does not
 *     authenticate.
 *   key: 32 bytes, nonce: 12 bytes, ad: any length. A wrong argument throws TypeError/RangeError.
 */
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct evp_cipher_ctx_st EVP_CIPHER_CTX;
typedef struct evp_cipher_st EVP_CIPHER;
typedef struct engine_st ENGINE;
EVP_CIPHER_CTX *EVP_CIPHER_CTX_new(void);
void EVP_CIPHER_CTX_free(EVP_CIPHER_CTX *ctx);
int EVP_CipherInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, ENGINE *impl, const unsigned char *key,
                      const unsigned char *iv, int enc);
int EVP_CIPHER_CTX_ctrl(EVP_CIPHER_CTX *ctx, int type, int arg, void *ptr);
int EVP_CipherUpdate(EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl, const unsigned char *in, int inl);
int EVP_CipherFinal_ex(EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl);
const EVP_CIPHER *EVP_chacha20_poly1305(void);

#define EVP_CTRL_AEAD_GET_TAG 0x10
#define EVP_CTRL_AEAD_SET_TAG 0x11
#define TAG_LENGTH 16
#define KEY_LENGTH 32
#define NONCE_LENGTH 12
#define MAX_PIECES 64

typedef struct {
  EVP_CIPHER_CTX *seal;
  EVP_CIPHER_CTX *open;
} contexts;

typedef struct {
  unsigned char *data;
  size_t length;
} bytes;

static void free_contexts(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  contexts *c = data;
  if (c->seal) EVP_CIPHER_CTX_free(c->seal);
  if (c->open) EVP_CIPHER_CTX_free(c->open);
  free(c);
}

/* A Uint8Array argument: 1, or 0 with a pending TypeError. */
static int get_bytes(napi_env env, napi_value v, bytes *out, const char *name) {
  napi_typedarray_type type;
  napi_value ab;
  size_t offset;
  void *data;
  bool is_typed = false;
  if (napi_is_typedarray(env, v, &is_typed) != napi_ok || !is_typed || napi_get_typedarray_info(env, v, &type, &out->length, &data, &ab, &offset) != napi_ok ||
      type != napi_uint8_array) {
    char msg[96];
    snprintf(msg, sizeof msg, "%s must be a Uint8Array", name);
    napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", msg);
    return 0;
  }
  out->data = data;
  return 1;
}

/* A Uint8Array or an array of them (at most MAX_PIECES); returns the piece count, or -1 after throwing. */
static int get_pieces(napi_env env, napi_value v, bytes *pieces, size_t *total, const char *name) {
  bool is_array = false;
  *total = 0;
  napi_is_array(env, v, &is_array);
  if (!is_array) {
    if (!get_bytes(env, v, &pieces[0], name)) return -1;
    *total = pieces[0].length;
    return 1;
  }
  uint32_t n = 0;
  napi_get_array_length(env, v, &n);
  if (n > MAX_PIECES) {
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "too many pieces");
    return -1;
  }
  for (uint32_t i = 0; i < n; i++) {
    napi_value e;
    if (napi_get_element(env, v, i, &e) != napi_ok || !get_bytes(env, e, &pieces[i], name)) return -1;
    *total += pieces[i].length;
  }
  return (int)n;
}

static int check_length(napi_env env, size_t actual, size_t expected, const char *what) {
  if (actual == expected) return 1;
  char msg[96];
  snprintf(msg, sizeof msg, "%s must be %zu bytes, not %zu", what, expected, actual);
  napi_throw_range_error(env, "ERR_OUT_OF_RANGE", msg);
  return 0;
}

static napi_value boolean(napi_env env, int value) {
  napi_value r;
  napi_get_boolean(env, value != 0, &r);
  return r;
}

/* Runs one AEAD operation; returns 1 on success, 0 on an authentication (or OpenSSL) failure. */
static int run(EVP_CIPHER_CTX *ctx, int enc, unsigned char *out, const bytes *pieces, int count, const bytes *ad,
               const unsigned char *nonce, const unsigned char *key, unsigned char *tag) {
  int len = 0;
  if (EVP_CipherInit_ex(ctx, EVP_chacha20_poly1305(), NULL, key, nonce, enc) != 1) return 0;
  if (!enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, TAG_LENGTH, tag) != 1) return 0;
  if (ad->length > 0 && EVP_CipherUpdate(ctx, NULL, &len, ad->data, (int)ad->length) != 1) return 0;
  size_t at = 0;
  for (int i = 0; i < count; i++) {
    if (pieces[i].length == 0) continue;
    if (EVP_CipherUpdate(ctx, out + at, &len, pieces[i].data, (int)pieces[i].length) != 1) return 0;
    at += (size_t)len;
  }
  if (EVP_CipherFinal_ex(ctx, out + at, &len) != 1) return 0;
  if (enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, TAG_LENGTH, tag) != 1) return 0;
  return 1;
}

static contexts *get_contexts(napi_env env) {
  contexts *c = NULL;
  napi_get_instance_data(env, (void **)&c);
  return c;
}

static napi_value seal(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value a[5];
  bytes out, ad, nonce, key, pieces[MAX_PIECES];
  size_t total;
  napi_get_cb_info(env, info, &argc, a, NULL, NULL);
  if (argc < 5) {
    napi_throw_type_error(env, "ERR_MISSING_ARGS", "seal(out, plaintext, nonce, ad, key)");
    return NULL;
  }
  if (!get_bytes(env, a[0], &out, "out")) return NULL;
  int count = get_pieces(env, a[1], pieces, &total, "plaintext");
  if (count < 0 || !get_bytes(env, a[2], &nonce, "nonce") || !get_bytes(env, a[3], &ad, "ad") ||
      !get_bytes(env, a[4], &key, "key"))
    return NULL;
  if (!check_length(env, nonce.length, NONCE_LENGTH, "nonce") || !check_length(env, key.length, KEY_LENGTH, "key") ||
      !check_length(env, out.length, total + TAG_LENGTH, "out") || total > INT32_MAX || ad.length > INT32_MAX)
    return NULL;
  contexts *c = get_contexts(env);
  return boolean(env, run(c->seal, 1, out.data, pieces, count, &ad, nonce.data, key.data, out.data + total));
}

static napi_value open_(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value a[6];
  bytes out, tag, ad, nonce, key, pieces[MAX_PIECES];
  size_t total;
  napi_get_cb_info(env, info, &argc, a, NULL, NULL);
  if (argc < 6) {
    napi_throw_type_error(env, "ERR_MISSING_ARGS", "open(out, ciphertext, tag, nonce, ad, key)");
    return NULL;
  }
  if (!get_bytes(env, a[0], &out, "out")) return NULL;
  int count = get_pieces(env, a[1], pieces, &total, "ciphertext");
  if (count < 0 || !get_bytes(env, a[2], &tag, "tag") || !get_bytes(env, a[3], &nonce, "nonce") ||
      !get_bytes(env, a[4], &ad, "ad") || !get_bytes(env, a[5], &key, "key"))
    return NULL;
  if (!check_length(env, tag.length, TAG_LENGTH, "tag") || !check_length(env, nonce.length, NONCE_LENGTH, "nonce") ||
      !check_length(env, key.length, KEY_LENGTH, "key") || !check_length(env, out.length, total, "out") ||
      total > INT32_MAX || ad.length > INT32_MAX)
    return NULL;
  /* In place only as one piece aliasing out exactly: a piece that overlapped out elsewhere would be
     overwritten before it is read. */
  for (int i = 0; i < count; i++) {
    const unsigned char *p = pieces[i].data;
    int aliases = p == out.data && count == 1;
    if (!aliases && p < out.data + out.length && out.data < p + pieces[i].length) {
      napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "ciphertext overlaps out other than exactly in place");
      return NULL;
    }
  }
  unsigned char tag_copy[TAG_LENGTH];
  memcpy(tag_copy, tag.data, TAG_LENGTH);
  contexts *c = get_contexts(env);
  int ok = run(c->open, 0, out.data, pieces, count, &ad, nonce.data, key.data, tag_copy);
  if (!ok) memset(out.data, 0, out.length);
  return boolean(env, ok);
}

NAPI_MODULE_INIT() {
  contexts *c = calloc(1, sizeof *c);
  if (!c) {
    napi_throw_error(env, "ERR_MEMORY", "out of memory");
    return NULL;
  }
  c->seal = EVP_CIPHER_CTX_new();
  c->open = EVP_CIPHER_CTX_new();
  if (!c->seal || !c->open || napi_set_instance_data(env, c, free_contexts, NULL) != napi_ok) {
    free_contexts(env, c, NULL);
    napi_throw_error(env, "ERR_OPENSSL", "could not create cipher contexts");
    return NULL;
  }
  napi_value f;
  napi_create_function(env, "seal", NAPI_AUTO_LENGTH, seal, NULL, &f);
  napi_set_named_property(env, exports, "seal", f);
  napi_create_function(env, "open", NAPI_AUTO_LENGTH, open_, NULL, &f);
  napi_set_named_property(env, exports, "open", f);
  return exports;
}
