/*
 * render_internal.h - what render/ shares inside.  Every writer works on a
 * geo_rview, a plain snapshot of the graph (vertex and edge records plus
 * the scores the pictures need), so that writers can be tested on
 * hand-made graphs.  Not installed.
 */
#ifndef GEO_RENDER_INTERNAL_H
#define GEO_RENDER_INTERNAL_H

#include <stdint.h>

#include "core_internal.h"
#include "render.h"

/* A graph as the writers see it.  Strings are borrowed from the graph (or
 * the test) the view was made from; the arrays belong to the view when it
 * was made by geo_rview_from_graph(). */
typedef struct geo_rview {
	size_t nv, ne;
	geo_vertex *v;
	geo_edge *e;        /* from/to index v */
	double *rank;       /* PageRank per vertex, or NULL */
	int64_t *community; /* community per vertex, or NULL */
} geo_rview;

/* Snapshot of g with PageRank and communities (when the graph module
 * provides them).  Free with geo_rview_free(). */
geo_err geo_rview_from_graph(geo_rview *out, const geo_graph *g, geo_error *err);

/* Frees the arrays of a view made by geo_rview_from_graph(); the struct
 * itself is the caller's.  NULL is allowed. */
void geo_rview_free(geo_rview *v);

/* The export and render writers, on a view.  geo_export() and geo_render()
 * are these after geo_rview_from_graph(). */
geo_err geo_export_view(const geo_rview *v, geo_export_format f, const char *path, geo_error *err);
geo_err geo_render_view(const geo_rview *v, const geo_render_opts *o, FILE *out, geo_error *err);
geo_err geo_render_view_mem(const geo_rview *v, const geo_render_opts *o, char **data, size_t *len,
			    geo_error *err);

/* The plain DOT export (every attribute, no styling), through cgraph. */
geo_err geo_dot_export(const geo_rview *v, FILE *fp, geo_error *err);

/* Text escapers, appending to b; each returns GEO_OK or GEO_ENOMEM. */

/* XML text and attribute values: & < > " escaped, tab/newline/CR as
 * character references, other control bytes dropped. */
geo_err geo_esc_xml(geo_buf *b, const char *s);

/* Graphviz escString (labels and every text attribute): \ -> \\, newline
 * -> \n, tab kept, other control bytes (CR too) dropped.  cgraph adds the quotes. */
geo_err geo_esc_dot(geo_buf *b, const char *s);

/* As geo_esc_dot(), for labels and tooltips, where Graphviz also decodes
 * HTML entities: & -> &amp;. */
geo_err geo_esc_dot_label(geo_buf *b, const char *s);

/* A GML string body (GML is ASCII): " and & as &quot; &amp;, anything
 * else outside printable ASCII as &#N; (N the Unicode code point; a byte that is not UTF-8 as &#65533;). */
geo_err geo_esc_gml(geo_buf *b, const char *s);

/* A Pajek string body: " % and control bytes as %XX. */
geo_err geo_esc_pajek(geo_buf *b, const char *s);

/* One CSV cell (RFC 4180 quoting when needed).  formula: prefix text that a
 * spreadsheet would run (= + - @ tab CR first) with '. */
geo_err geo_esc_csv(geo_buf *b, const char *s, bool formula);

/* x to 15 significant digits ("%.15g"), always with a '.' or an exponent
 * so that readers take it as a real ("2.0", "1e-20").  buf holds at least
 * 32 bytes. */
void geo_fmt_real(char *buf, size_t size, double x);

/* The edge family the pictures colour by: 1 verbal cooperation, 2 material
 * cooperation, 3 verbal conflict, 4 material conflict, 0 unknown (from the
 * quad class, else the sign of the Goldstein mean). */
int geo_edge_family(const geo_edge *e);

#endif
