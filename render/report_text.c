/* report_text.c - escaping for the HTML report: UTF-8 repair, JSON inside
 * a <script> element, HTML text, and the SVG element to inline. */
#include <string.h>

#include "report_internal.h"

geo_err geo_report_utf8(geo_buf *b, const char *s, size_t n, size_t *replaced)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	geo_err rc = GEO_OK;

	while (i < n) {
		size_t len = geo_utf8_decode(p + i, n - i, NULL);

		if (len) {
			i += len;
			continue;
		}
		/* Flush the valid run before the bad byte, then its stand-in. */
		if ((rc = geo_buf_append(b, s + run, i - run)) != GEO_OK ||
		    (rc = geo_buf_append(b, "\xEF\xBF\xBD", 3)) != GEO_OK)
			goto out;
		if (replaced)
			(*replaced)++;
		run = ++i;
	}
	rc = geo_buf_append(b, s + run, n - run);
out:
	return rc;
}

geo_err geo_report_json_script(geo_buf *b, const char *json, size_t n)
{
	size_t run = 0;
	geo_err rc = GEO_OK;

	for (size_t i = 0; i < n; i++) {
		const char *esc = NULL;
		size_t skip = 1;

		switch (json[i]) {
		case '<':
			esc = "\\u003c";
			break;
		case '>':
			esc = "\\u003e";
			break;
		case '&':
			esc = "\\u0026";
			break;
		case '\xE2':
			if (i + 2 < n && json[i + 1] == '\x80' && (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
				esc = json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
				skip = 3;
			}
			break;
		default:
			break;
		}
		if (!esc)
			continue;
		if ((rc = geo_buf_append(b, json + run, i - run)) != GEO_OK ||
		    (rc = geo_buf_puts(b, esc)) != GEO_OK)
			goto out;
		i += skip - 1;
		run = i + 1;
	}
	rc = geo_buf_append(b, json + run, n - run);
out:
	return rc;
}

geo_err geo_report_html_text(geo_buf *b, const char *s)
{
	geo_err rc = GEO_OK;

	for (; *s && rc == GEO_OK; s++) {
		switch (*s) {
		case '&':
			rc = geo_buf_puts(b, "&amp;");
			break;
		case '<':
			rc = geo_buf_puts(b, "&lt;");
			break;
		case '>':
			rc = geo_buf_puts(b, "&gt;");
			break;
		case '"':
			rc = geo_buf_puts(b, "&quot;");
			break;
		case '\'':
			rc = geo_buf_puts(b, "&#39;");
			break;
		default:
			rc = geo_buf_putc(b, *s);
			break;
		}
	}
	return rc;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* First case-insensitive occurrence of the lower-case needle in s[0..n),
 * or NULL. */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);

	for (size_t i = 0; m <= n && i <= n - m; i++) {
		size_t k = 0;

		while (k < m && lower((unsigned char)s[i + k]) == needle[k])
			k++;
		if (k == m)
			return s + i;
	}
	return NULL;
}

/* Whether the tag name that starts at p (end e) is complete: followed by
 * white space, '>' or '/'. */
static int tag_ends(const char *p, const char *e)
{
	return p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '>' || *p == '/');
}

geo_err geo_report_svg_element(const char *svg, size_t len, const char **start, size_t *n,
			       geo_error *err)
{
	const char *end = svg + len, *p = svg, *s = NULL, *close = NULL, *q;

	while ((q = find_ci(p, (size_t)(end - p), "<svg")) != NULL) {
		if (tag_ends(q + 4, end)) {
			s = q;
			break;
		}
		p = q + 4;
	}
	if (!s)
		return geo_error_set(err, GEO_EUSAGE, "report: the diagram is not SVG (no <svg> element)");
	for (p = s; (q = find_ci(p, (size_t)(end - p), "</svg")) != NULL; p = q + 5)
		close = q;
	if (!close || !(q = memchr(close, '>', (size_t)(end - close))))
		return geo_error_set(err, GEO_EUSAGE, "report: the diagram's <svg> element is not closed");
	*start = s;
	*n = (size_t)(q + 1 - s);
	if (find_ci(s, *n, "<script") || find_ci(s, *n, "<foreignobject"))
		return geo_error_set(err, GEO_EUSAGE,
				     "report: the diagram holds a <script> or <foreignObject> element");
	return GEO_OK;
}
