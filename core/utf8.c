/* utf8.c - UTF-8 decoding and validation, shared by every reader and writer
 * (see core_internal.h). */
#include <string.h>

#include "core_internal.h"

size_t geo_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned lo = 0x80, hi = 0xBF;
	size_t len;
	uint32_t c;

	if (n == 0)
		return 0;
	if (p[0] < 0x80) {
		if (cp)
			*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		len = 2, c = p[0] & 0x1Fu;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		len = 3, c = p[0] & 0x0Fu;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		len = 4, c = p[0] & 0x07u;
	else
		return 0;
	/* The second byte's range rules out overlong forms, surrogates and
	 * code points past U+10FFFF (Unicode's table 3-7). */
	if (p[0] == 0xE0)
		lo = 0xA0;
	else if (p[0] == 0xED)
		hi = 0x9F;
	else if (p[0] == 0xF0)
		lo = 0x90;
	else if (p[0] == 0xF4)
		hi = 0x8F;
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	c = c << 6 | (p[1] & 0x3Fu);
	for (size_t i = 2; i < len; i++) {
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
		c = c << 6 | (p[i] & 0x3Fu);
	}
	if (cp)
		*cp = c;
	return len;
}

bool geo_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	while (n) {
		size_t k = p[0] < 0x80 ? 1 : geo_utf8_decode(p, n, NULL);
		if (k == 0)
			return false;
		p += k;
		n -= k;
	}
	return true;
}
