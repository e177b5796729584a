/* buf.c - growable byte buffer and string map (see core_internal.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_internal.h"

geo_err geo_buf_reserve(geo_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > SIZE_MAX - b->len - 1)
		return GEO_ENOMEM;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return GEO_OK;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = realloc(b->data, cap);
	if (!p)
		return GEO_ENOMEM;
	b->data = p;
	b->cap = cap;
	return GEO_OK;
}

geo_err geo_buf_append(geo_buf *b, const void *p, size_t n)
{
	if (geo_buf_reserve(b, n) != GEO_OK)
		return GEO_ENOMEM;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return GEO_OK;
}

geo_err geo_buf_putc(geo_buf *b, char c)
{
	return geo_buf_append(b, &c, 1);
}

geo_err geo_buf_puts(geo_buf *b, const char *s)
{
	return geo_buf_append(b, s, strlen(s));
}

geo_err geo_buf_printf(geo_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || geo_buf_reserve(b, (size_t)n) != GEO_OK)
		return GEO_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return GEO_OK;
}

void geo_buf_reset(geo_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void geo_buf_free(geo_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *geo_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

uint64_t geo_hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 14695981039346656037ULL;

	while (n--) {
		h ^= *s++;
		h *= 1099511628211ULL;
	}
	return h;
}

struct strmap_slot {
	const char *key; /* NULL: empty */
	size_t klen;
	uint64_t hash;
	size_t value;
};

struct geo_strmap {
	struct strmap_slot *slots;
	size_t cap; /* power of two */
	size_t count;
};

geo_strmap *geo_strmap_new(void)
{
	geo_strmap *m = calloc(1, sizeof *m);

	if (!m)
		return NULL;
	m->cap = 16;
	m->slots = calloc(m->cap, sizeof *m->slots);
	if (!m->slots) {
		free(m);
		return NULL;
	}
	return m;
}

void geo_strmap_free(geo_strmap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free((char *)m->slots[i].key);
	free(m->slots);
	free(m);
}

size_t geo_strmap_count(const geo_strmap *m)
{
	return m->count;
}

static struct strmap_slot *find_slot(struct strmap_slot *slots, size_t cap, const char *key,
				     size_t klen, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);

	for (;;) {
		struct strmap_slot *s = &slots[i];
		if (!s->key || (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0))
			return s;
		i = (i + 1) & (cap - 1);
	}
}

bool geo_strmap_get(const geo_strmap *m, const char *key, size_t klen, size_t *value)
{
	struct strmap_slot *s = find_slot(m->slots, m->cap, key, klen, geo_hash_bytes(key, klen));

	if (!s->key)
		return false;
	if (value)
		*value = s->value;
	return true;
}

static geo_err grow(geo_strmap *m)
{
	size_t cap = m->cap * 2;
	struct strmap_slot *slots = calloc(cap, sizeof *slots);

	if (!slots)
		return GEO_ENOMEM;
	for (size_t i = 0; i < m->cap; i++) {
		struct strmap_slot *s = &m->slots[i];
		if (s->key)
			*find_slot(slots, cap, s->key, s->klen, s->hash) = *s;
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return GEO_OK;
}

geo_err geo_strmap_put(geo_strmap *m, const char *key, size_t klen, size_t *value,
		       const char **stored_key)
{
	uint64_t h = geo_hash_bytes(key, klen);
	struct strmap_slot *s = find_slot(m->slots, m->cap, key, klen, h);

	if (!s->key) {
		char *copy;
		if ((m->count + 1) * 4 > m->cap * 3) {
			if (grow(m) != GEO_OK)
				return GEO_ENOMEM;
			s = find_slot(m->slots, m->cap, key, klen, h);
		}
		copy = geo_strndup(key, klen);
		if (!copy)
			return GEO_ENOMEM;
		s->key = copy;
		s->klen = klen;
		s->hash = h;
		s->value = *value;
		m->count++;
	}
	*value = s->value;
	if (stored_key)
		*stored_key = s->key;
	return GEO_OK;
}
