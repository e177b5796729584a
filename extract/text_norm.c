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

geo_err geo_text_normalize(const char *text, size_t len, geo_buf *out, size_t *replaced)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	size_t i = 0, bad = 0;
	geo_err rc = GEO_OK;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	{
		size_t cap = out->cap;
		if ((rc = geo_buf_reserve(out, len + 16)) != GEO_OK)
			goto out;
		if (out->cap != cap)
			geo_text_hugepages(out->data, out->cap);
	}
	while (i < len) {
		unsigned char c = p[i];
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;
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
			if ((rc = geo_buf_append(out, p + i, j - i)) != GEO_OK)
				goto out;
			i = j;
			continue;
		}
		if (c < 0x80) {
			if (c == '\r') {
				rc = geo_buf_putc(out, '\n');
				i += (i + 1 < len && p[i + 1] == '\n') ? 2 : 1;
			} else {
				rc = geo_buf_putc(out, (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F ? ' ' : (char)c);
				i++;
			}
			if (rc)
				goto out;
			continue;
		}
		k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0) {
			bad++;
			i++;
			if ((rc = geo_buf_append(out, "\xEF\xBF\xBD", 3)) != GEO_OK)
				goto out;
			continue;
		}
		rep = replacement(cp);
		if (!rep && ((cp >= 0x80 && cp < 0xA0)))
			rep = " ";
		rc = rep ? geo_buf_puts(out, rep) : geo_buf_append(out, p + i, (size_t)k);
		if (rc)
			goto out;
		i += (size_t)k;
	}
out:
	if (rc == GEO_OK && out->data)
		out->data[out->len] = '\0'; /* reserved above; nothing may have been appended */
	if (replaced)
		*replaced = bad;
	return rc;
}
