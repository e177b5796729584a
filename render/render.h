/*
 * render.h - graph to pictures and files: DOT through cgraph, SVG/PNG/PDF
 * through gvc, and the export formats.
 */
#ifndef GEO_RENDER_H
#define GEO_RENDER_H

#include <stdio.h>

#include "geo.h"
#include "graph.h"

/* ------------------------------------------------------------------ */
/* HTML report                                                         */

/* One column of the report's actor table: a name and one value per vertex
 * of the graph, in vertex order.  A NaN shows as a dash and sorts last. */
typedef struct geo_report_column {
	const char *name;     /* "pagerank"; underscores show as spaces */
	const double *values; /* geo_graph_vcount() values, borrowed */
} geo_report_column;

typedef struct geo_report_opts {
	const char *title;                /* page title; NULL: "geograph report" */
	const geo_report_column *columns; /* the actor table, in this order */
	size_t ncolumns;
	bool counts;                      /* show documents and events below */
	size_t documents, events;         /* what the graph was built from */
} geo_report_opts;

/*
 * Writes one self-contained HTML page about g to out: the diagram svg
 * (svglen bytes, as drawn by Graphviz; NULL for a page without one) inline
 * with zoom and pan, the actor table sortable by each column, filters by
 * relation and family, and every edge with its evidence sentences, their
 * documents and dates.  Clicking an actor highlights its edges and lists
 * its evidence.  Nothing is loaded from elsewhere.
 *
 * Text from the graph goes into the page only as JSON inside a
 * <script type="application/json"> block, with <, >, &, U+2028 and U+2029
 * escaped, and the page's script shows it with textContent; bytes that are
 * not valid UTF-8 become U+FFFD.  svg must be Graphviz output: anything
 * before "<svg" is dropped, and an svg holding a <script> or
 * <foreignObject> element is refused (GEO_EUSAGE), as is one without an
 * <svg> element.  The same inputs give the same bytes.
 *
 * o may be NULL (no table columns, no counts).  Returns GEO_EIO when out
 * cannot be written, GEO_ENOMEM.  Time O(V * columns + E).
 */
geo_err geo_report_write(const geo_graph *g, const char *svg, size_t svglen,
			 const geo_report_opts *o, FILE *out, geo_error *err);

#endif
