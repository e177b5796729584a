/*
 * report_internal.h - the HTML report's text helpers, shared by
 * render/report*.c and reached by the unit tests.  Not installed.
 */
#ifndef GEO_REPORT_INTERNAL_H
#define GEO_REPORT_INTERNAL_H

#include <stddef.h>

#include "core_internal.h"
#include "geo.h"

/* Appends s (n bytes) to b as valid UTF-8: each byte that does not start a
 * well-formed sequence (overlong forms, surrogates and code points above
 * U+10FFFF included) becomes U+FFFD.  *replaced, if not NULL, is increased
 * by the number of bytes replaced.  GEO_OK or GEO_ENOMEM. */
geo_err geo_report_utf8(geo_buf *b, const char *s, size_t n, size_t *replaced);

/* Appends JSON text json (n bytes) to b, fit to sit inside an HTML
 * <script> element: <, >, & become \u003c, \u003e, \u0026 and the line
 * separators U+2028, U+2029 become \u2028, \u2029.  Outside strings JSON
 * holds none of these, so the value is unchanged.  GEO_OK or GEO_ENOMEM. */
geo_err geo_report_json_script(geo_buf *b, const char *json, size_t n);

/* Appends s to b with &, <, >, " and ' as character references.
 * GEO_OK or GEO_ENOMEM. */
geo_err geo_report_html_text(geo_buf *b, const char *s);

/* Finds the <svg> element in Graphviz output svg (len bytes): *start and
 * *n receive it, from "<svg" to the end of "</svg>".  GEO_EUSAGE when there
 * is none, or when it holds a <script> or <foreignObject> element, whose
 * content would run or be parsed as HTML in the page. */
geo_err geo_report_svg_element(const char *svg, size_t len, const char **start, size_t *n,
			       geo_error *err);

#endif
