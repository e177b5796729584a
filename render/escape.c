/* escape.c - how each output format carries arbitrary text, and numbers
 * that read back as the same numbers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

geo_err geo_esc_xml(geo_buf *b, const char *s)
{
	geo_err rc = GEO_OK;

	for (const unsigned char *p = (const unsigned char *)s; *p && rc == GEO_OK; p++) {
		switch (*p) {
		case '&': rc = geo_buf_puts(b, "&amp;"); break;
		case '<': rc = geo_buf_puts(b, "&lt;"); break;
		case '>': rc = geo_buf_puts(b, "&gt;"); break;
		case '"': rc = geo_buf_puts(b, "&quot;"); break;
		/* References, so attribute-value normalisation keeps them. */
		case '\t': rc = geo_buf_puts(b, "&#9;"); break;
		case '\n': rc = geo_buf_puts(b, "&#10;"); break;
		case '\r': rc = geo_buf_puts(b, "&#13;"); break;
		default:
			if (*p >= 0x20 && *p != 0x7f)
				rc = geo_buf_putc(b, (char)*p);
		}
	}
	return rc;
}

geo_err geo_esc_dot_label(geo_buf *b, const char *s)
{
	geo_err rc = GEO_OK;
	const char *amp;

	/* Graphviz decodes entities in labels: "&amp;" would show as "&". */
	while (rc == GEO_OK && (amp = strchr(s, '&'))) {
		geo_buf part = {0};
		rc = geo_buf_append(&part, s, (size_t)(amp - s));
		if (rc == GEO_OK && part.data)
			rc = geo_esc_dot(b, part.data);
		if (rc == GEO_OK)
			rc = geo_buf_puts(b, "&amp;");
		geo_buf_free(&part);
		s = amp + 1;
	}
	return rc == GEO_OK ? geo_esc_dot(b, s) : rc;
}

geo_err geo_esc_dot(geo_buf *b, const char *s)
{
	geo_err rc = GEO_OK;

	for (const unsigned char *p = (const unsigned char *)s; *p && rc == GEO_OK; p++) {
		if (*p == '\\')
			rc = geo_buf_puts(b, "\\\\");
		else if (*p == '\n')
			rc = geo_buf_puts(b, "\\n");
		else if ((*p >= 0x20 && *p != 0x7f) || *p == '\t')
			rc = geo_buf_putc(b, (char)*p);
	}
	return rc;
}

geo_err geo_esc_gml(geo_buf *b, const char *s)
{
	geo_err rc = GEO_OK;
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);

	while (left && rc == GEO_OK) {
		uint32_t cp;
		size_t n = geo_utf8_decode(p, left, &cp);

		if (n == 0) {
			rc = geo_buf_puts(b, "&#65533;");
			p++;
			left--;
			continue;
		}
		/* Named entities for the two that igraph's reader decodes. */
		if (cp == '"')
			rc = geo_buf_puts(b, "&quot;");
		else if (cp == '&')
			rc = geo_buf_puts(b, "&amp;");
		else if (cp >= 0x20 && cp < 0x7f)
			rc = geo_buf_putc(b, (char)cp);
		else
			rc = geo_buf_printf(b, "&#%lu;", (unsigned long)cp);
		p += n;
		left -= n;
	}
	return rc;
}

geo_err geo_esc_pajek(geo_buf *b, const char *s)
{
	geo_err rc = GEO_OK;

	for (const unsigned char *p = (const unsigned char *)s; *p && rc == GEO_OK; p++) {
		if (*p == '"' || *p == '%' || *p < 0x20 || *p == 0x7f)
			rc = geo_buf_printf(b, "%%%02X", *p);
		else
			rc = geo_buf_putc(b, (char)*p);
	}
	return rc;
}

geo_err geo_esc_csv(geo_buf *b, const char *s, bool formula)
{
	geo_err rc = GEO_OK;
	bool guard = formula && strchr("=+-@\t\r", s[0]) && s[0];
	bool quote = strpbrk(s, ",\"\r\n") != NULL || (s[0] == ' ');

	if (quote)
		rc = geo_buf_putc(b, '"');
	if (rc == GEO_OK && guard)
		rc = geo_buf_putc(b, '\'');
	for (const char *p = s; *p && rc == GEO_OK; p++)
		rc = *p == '"' ? geo_buf_puts(b, "\"\"") : geo_buf_putc(b, *p);
	if (rc == GEO_OK && quote)
		rc = geo_buf_putc(b, '"');
	return rc;
}

void geo_fmt_real(char *buf, size_t size, double x)
{
	if (!isfinite(x)) {
		/* Callers never pass these; keep the output well-formed anyway. */
		snprintf(buf, size, "%s", isnan(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
		return;
	}
	/* 15 significant digits, as the JSON export and the report print
	 * reals: a mean of Goldstein values reads 6.4, not the
	 * 6.4000000000000012 its double holds, and the same digits come out
	 * of every format (15 is what a double keeps exactly from text). */
	snprintf(buf, size, "%.15g", x);
	if (!strpbrk(buf, ".e")) {
		size_t n = strlen(buf);
		if (n + 3 <= size)
			memcpy(buf + n, ".0", 3);
	}
}

int geo_edge_family(const geo_edge *e)
{
	if (e->quad >= 1 && e->quad <= 4)
		return e->quad;
	if (e->goldstein_mean > 0)
		return 1;
	if (e->goldstein_mean < 0)
		return 3;
	return 0;
}
