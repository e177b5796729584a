/*
 * text_norm.c - makes news text uniform before anything reads it: valid
 * UTF-8, one kind of line break, ASCII quotes, dashes and spaces.  Matching
 * then needs no case for typographic variants (Beijing's vs Beijing’s).
 */
#include <string.h>

#include <utf8proc.h>

#include "text_internal.h"

/* What a code point becomes: NULL keeps it, "" drops it. */
static const char *replacement(utf8proc_int32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
		return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB:
	case 0x00BB:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
	case 0x2212:
		return "-";
	case 0x2026:
		return "...";
	case 0x00A0: case 0x202F: case 0x205F: case 0x3000: case 0x1680:
		return " ";
	case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
		return "";
	case 0x2028: case 0x2029:
		return "\n";
	default:
		break;
	}
	if (cp >= 0x2000 && cp <= 0x200A)
		return " ";
	return NULL;
}

/*
 * Where normalised bytes go: a buffer of their own, or (in place) the
 * front of the very buffer being read.  In place, every step writes no
 * more bytes than it reads, so writes stay behind reads; the one step
 * that writes more (an invalid byte becomes the three of U+FFFD) is not
 * taken where it would overtake them.
 */
typedef struct sink {
	geo_buf *out;
	bool inplace;
} sink;

static geo_err put(sink *k, const void *s, size_t n)
{
	geo_buf *b = k->out;

	if (!k->inplace)
		return geo_buf_append(b, s, n);
	/* Nothing to move while the text has not shrunk (a plain ASCII
	 * document is not copied at all); the source may overlap. */
	if (b->data + b->len != (const char *)s)
		memmove(b->data + b->len, s, n);
	b->len += n;
	return GEO_OK;
}

/*
 * Normalises p[*pos..len) onto k.  Returns at the end or, in place, at an
 * invalid byte whose replacement would overtake the bytes still to read;
 * *pos is then that byte.
 */
static geo_err normalize_run(const unsigned char *p, size_t len, size_t *pos, sink *k, size_t *bad)
{
	size_t i = *pos;
	geo_err rc = GEO_OK;

	while (i < len) {
		unsigned char c = p[i];
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;
		const char *rep;

		if ((c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t') {
			/* Plain ASCII runs are copied whole, across the line
			 * breaks and tabs that stay as they are: a wrapped
			 * paragraph is one copy, not one per line. */
			size_t j = i + 1;
			for (;;) {
				while (j + 8 <= len && geo_swar_printable(geo_swar_load(p + j)))
					j += 8;
				if (j < len && ((p[j] >= 0x20 && p[j] < 0x7F) || p[j] == '\n' || p[j] == '\t'))
					j++;
				else
					break;
			}
			if ((rc = put(k, p + i, j - i)) != GEO_OK)
				break;
			i = j;
			continue;
		}
		if (c < 0x80) {
			char o;
			if (c == '\r') {
				o = '\n';
				i += (i + 1 < len && p[i + 1] == '\n') ? 2 : 1;
			} else {
				o = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F ? ' ' : (char)c;
				i++;
			}
			if ((rc = put(k, &o, 1)) != GEO_OK)
				break;
			continue;
		}
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0) {
			if (k->inplace && k->out->len + 3 > i + 1)
				break;
			(*bad)++;
			i++;
			if ((rc = put(k, "\xEF\xBF\xBD", 3)) != GEO_OK)
				break;
			continue;
		}
		rep = replacement(cp);
		if (!rep && ((cp >= 0x80 && cp < 0xA0)))
			rep = " ";
		/* A replacement is never longer than what it replaces. */
		rc = rep ? put(k, rep, strlen(rep)) : put(k, p + i, (size_t)n);
		if (rc)
			break;
		i += (size_t)n;
	}
	*pos = i;
	return rc;
}

/* The leading BOM's length, or 0. */
static size_t bom(const char *text, size_t len)
{
	return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

geo_err geo_text_normalize(const char *text, size_t len, geo_buf *out, size_t *replaced)
{
	sink k = {out, false};
	size_t i = bom(text, len), bad = 0;
	size_t cap = out->cap;
	geo_err rc;

	if ((rc = geo_buf_reserve(out, len + 16)) == GEO_OK) {
		if (out->cap != cap)
			geo_text_hugepages(out->data, out->cap);
		rc = normalize_run((const unsigned char *)text, len, &i, &k, &bad);
	}
	if (rc == GEO_OK && out->data)
		out->data[out->len] = '\0'; /* reserved above; nothing may have been appended */
	if (replaced)
		*replaced = bad;
	return rc;
}

geo_err geo_text_normalize_inplace(geo_buf *b, size_t *replaced)
{
	const size_t len = b->len;
	size_t i = bom(b->data, len), bad = 0;
	sink k = {b, true};
	geo_buf rest = {0};
	geo_err rc = GEO_OK;

	if (!b->data)
		goto out;
	b->len = 0;
	normalize_run((const unsigned char *)b->data, len, &i, &k, &bad);
	if (i < len) {
		/* Stopped where U+FFFD would overtake the unread bytes: the
		 * rest goes to a buffer of its own, after what is done. */
		k.out = &rest;
		k.inplace = false;
		if ((rc = geo_buf_reserve(&rest, b->len + (len - i) + 16)) != GEO_OK)
			goto out;
		geo_text_hugepages(rest.data, rest.cap);
		if ((rc = geo_buf_append(&rest, b->data, b->len)) != GEO_OK ||
		    (rc = normalize_run((const unsigned char *)b->data, len, &i, &k, &bad)) != GEO_OK)
			goto out;
		geo_buf_free(b);
		*b = rest;
		rest = (geo_buf){0};
	}
	b->data[b->len] = '\0'; /* b->len <= len < cap */
out:
	geo_buf_free(&rest);
	if (replaced)
		*replaced = bad;
	return rc;
}
