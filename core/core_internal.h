/*
 * core_internal.h - small containers shared by every module: a growable
 * byte buffer and a string-keyed hash map.  Not installed.
 */
#ifndef GEO_CORE_INTERNAL_H
#define GEO_CORE_INTERNAL_H

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>

#include "geo.h"

/* Tests reach static helpers through GEO_STATIC. */
#ifdef GEO_TESTING
#define GEO_STATIC
#else
#define GEO_STATIC static
#endif

/* A growable byte buffer, always NUL-terminated when data is non-NULL.
 * Zero-initialise ({0}) before use; geo_buf_free() releases it. */
typedef struct geo_buf {
	char *data;
	size_t len;
	size_t cap;
} geo_buf;

/* Each returns GEO_OK or GEO_ENOMEM. */
geo_err geo_buf_reserve(geo_buf *b, size_t extra);
geo_err geo_buf_append(geo_buf *b, const void *p, size_t n);
geo_err geo_buf_putc(geo_buf *b, char c);
geo_err geo_buf_puts(geo_buf *b, const char *s);
geo_err geo_buf_printf(geo_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void geo_buf_reset(geo_buf *b);
void geo_buf_free(geo_buf *b);

/* FNV-1a over n bytes. */
uint64_t geo_hash_bytes(const void *p, size_t n);

/*
 * A map from byte strings to a size_t value, with open addressing.  Keys are
 * copied into the map's own storage; a key pointer returned by the map stays
 * valid until the map is freed.
 */
typedef struct geo_strmap geo_strmap;

geo_strmap *geo_strmap_new(void);
void geo_strmap_free(geo_strmap *m);
size_t geo_strmap_count(const geo_strmap *m);

/* Looks key up; returns true and sets *value when present. */
bool geo_strmap_get(const geo_strmap *m, const char *key, size_t klen, size_t *value);

/* Inserts key with value unless present.  *value receives the stored value
 * (the existing one when the key was there); *stored_key, if not NULL, the
 * map's copy of the key.  Returns GEO_OK or GEO_ENOMEM. */
geo_err geo_strmap_put(geo_strmap *m, const char *key, size_t klen, size_t *value,
		       const char **stored_key);

/* Decodes the UTF-8 sequence at p (n bytes available): returns its length
 * (1-4) and sets *cp (if not NULL), or returns 0 when the bytes there are
 * not well-formed UTF-8 (overlong, surrogate, past U+10FFFF, truncated). */
size_t geo_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);

/* True when the n bytes at s are well-formed UTF-8. */
bool geo_utf8_valid(const char *s, size_t n);

/* Copies s (n bytes) into a new NUL-terminated string, NULL on failure. */
char *geo_strndup(const char *s, size_t n);

#endif
