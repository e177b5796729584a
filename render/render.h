/*
 * render.h - graph to pictures and files: DOT through cgraph, SVG/PNG/PDF
 * through gvc (in-process, never a `dot` subprocess), and the export
 * formats for Gephi, Cytoscape, NetworkX, igraph, Pajek and Neo4j.
 *
 * Every output is deterministic: the same graph gives the same bytes.
 *
 * Graphviz keeps process-wide state (one layout context, made on first use
 * and kept for the life of the process; its error callback): call the
 * drawing functions from one thread at a time.
 */
#ifndef GEO_RENDER_H
#define GEO_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "geo.h"
#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Diagrams                                                            */

typedef enum geo_image_format {
	GEO_IMAGE_DOT = 0, /* Graphviz source, written by cgraph */
	GEO_IMAGE_SVG,
	GEO_IMAGE_PNG,
	GEO_IMAGE_PDF,
} geo_image_format;

/* "dot", "svg", "png", "pdf". */
const char *geo_image_format_name(geo_image_format f);

/* The format named by a file name's extension (case-insensitive: ".svg");
 * false when the extension is missing or not one of the four. */
bool geo_image_format_from_path(const char *path, geo_image_format *out);

typedef enum geo_layout {
	GEO_LAYOUT_AUTO = 0, /* up to GEO_RENDER_DOT_MAX nodes: dot when sparse
			      * (edges <= nodes + 10), else neato; sfdp above */
	GEO_LAYOUT_DOT,
	GEO_LAYOUT_SFDP,
	GEO_LAYOUT_NEATO,
	GEO_LAYOUT_CIRCO,
	GEO_LAYOUT_FDP,
} geo_layout;

/* "auto", "dot", ...; parse the reverse (false when unknown). */
const char *geo_layout_name(geo_layout l);
bool geo_layout_parse(const char *s, geo_layout *out);

/* Defaults that keep a diagram readable. */
#define GEO_RENDER_TOP_DEFAULT 40 /* actors drawn unless top or all say otherwise */
#define GEO_RENDER_DOT_MAX 60     /* most nodes the automatic layout gives to dot */

typedef struct geo_render_opts {
	geo_image_format format;
	geo_layout layout;
	size_t top;    /* draw the N actors with the highest PageRank; 0 means
			* GEO_RENDER_TOP_DEFAULT */
	bool all;      /* draw every actor (top is ignored) */
	bool cluster;  /* box each community with two or more drawn actors
			* (the automatic layout is then dot, or fdp above
			* GEO_RENDER_DOT_MAX nodes: the others draw no boxes) */
	int merge;     /* one edge per pair and family: 1 always, -1 never,
			* 0 when the picture would be cluttered */
	bool legend;   /* draw the legend (colours, shapes) */
} geo_render_opts;

/* Options with the defaults: DOT, automatic layout, top 40, legend on. */
void geo_render_opts_init(geo_render_opts *o);

/*
 * Draws g on out in o->format.  PageRank and communities are those of
 * the last geo_graph_compute() on g; without them actors are chosen and
 * sized by weighted degree, and cluster has nothing to group.
 *
 * What is drawn: the top actors by PageRank (all of them under o->all),
 * shaped by actor type and sized by PageRank; edges coloured by family
 * (cooperation blue and green, conflict orange and red), as wide as their
 * weight (log scale) and labelled with display text and count ("buys oil
 * from \u00d73", the count from 2 up).  When there are more than two edges
 * per actor (and over 30), the edges of one family between one pair merge
 * into one, labelled by its heaviest relation ("sanctions \u00d72 (+1
 * more)"); if that still leaves more than two per actor, 2 x actors
 * edges are drawn - each actor's heaviest, then the heaviest of the rest -
 * and the legend says so.  Past 150 edges,
 * labels become tooltips.  DOT output is the styled graph before layout.
 *
 * Errors: GEO_EUSAGE for a bad option, GEO_EINTERNAL when Graphviz fails,
 * GEO_ENOMEM.  Write errors on out are the caller's to detect (ferror /
 * geo_outfile_commit).  O(V log V + E) plus the layout, which is the
 * dominant cost: sfdp handles thousands of nodes in seconds, dot about a
 * hundred.
 */
geo_err geo_render(const geo_graph *g, const geo_render_opts *o, FILE *out, geo_error *err);

/*
 * Loads Graphviz (libgvc, opened on first use) now, so that a command that
 * will draw can fail before it writes anything.  GEO_EUNSUPPORTED, naming
 * the library and why, when it cannot be loaded.  Thread-safe; loads once.
 */
geo_err geo_render_check(geo_error *err);

/*
 * As geo_render(), into memory: *data (NUL-terminated, malloc'd: the caller
 * frees it with free()) and *len bytes.  Used for SVG embedded in HTML.
 */
geo_err geo_render_mem(const geo_graph *g, const geo_render_opts *o, char **data, size_t *len,
		       geo_error *err);

/* ------------------------------------------------------------------ */
/* Exports                                                             */

typedef enum geo_export_format {
	GEO_EXPORT_GRAPHML = 0,
	GEO_EXPORT_GML,
	GEO_EXPORT_GEXF,      /* GEXF 1.3, edges with start/end dates */
	GEO_EXPORT_JSON,      /* NetworkX node-link, links under "links" */
	GEO_EXPORT_CYTOSCAPE, /* Cytoscape.js {"elements": ...} */
	GEO_EXPORT_CSV,       /* folder: nodes.csv, edges.csv (Gephi headers) */
	GEO_EXPORT_PAJEK,
	GEO_EXPORT_NEO4J,     /* folder: nodes.csv, relationships.csv */
	GEO_EXPORT_DOT,
	GEO_EXPORT_NFORMATS
} geo_export_format;

/* "graphml", "gml", ...; parse the reverse (false when unknown). */
const char *geo_export_format_name(geo_export_format f);
bool geo_export_format_parse(const char *s, geo_export_format *out);

/* True for the formats whose PATH is a folder (csv, neo4j). */
bool geo_export_format_is_folder(geo_export_format f);

/*
 * Writes g to path in format f: every actor, and one edge per (source,
 * target, relation) with all its attributes (relation, label, cameo, quad,
 * count, weight, goldstein, goldstein_sum, first_date, last_date, docs);
 * actors carry id, label, type, affiliation, and pagerank and community
 * when geo_graph_compute() computed them.
 *
 * path is a file ("-" for standard output), or for folder formats an
 * existing folder in which the files are written.  Each file is written
 * through geo_outfile: a failure leaves no half-written file (for folder
 * formats, files committed before the failure stay).
 *
 * How each format carries text it cannot hold: XML drops control bytes
 * other than tab, newline and carriage return (XML 1.0 forbids them); GML
 * (ASCII only) writes `"` and `&` as &quot; &amp; and other non-ASCII
 * and control characters as &#N; (NetworkX reads all back; igraph 0.10
 * leaves &#N; as it is); Pajek,
 * which has no escapes, writes `"`, `%` and control bytes as %XX; CSV
 * prefixes text starting with = + - @ (or tab, CR) with ' so spreadsheets
 * do not run it, and leaves numbers alone; DOT writes \ as \\ and newline
 * as \n, & in labels as &amp; (Graphviz decodes entities there), and
 * drops control bytes other than tab.
 *
 * Errors: GEO_EIO (folder missing, write failure, naming the path),
 * GEO_EDATA (text that is not UTF-8), GEO_ENOMEM, GEO_EINTERNAL.  O(V + E).
 */
geo_err geo_export(const geo_graph *g, geo_export_format f, const char *path, geo_error *err);

/* ------------------------------------------------------------------ */
/* Actor table                                                         */

typedef enum geo_table_format {
	GEO_TABLE_TEXT = 0, /* aligned columns under a "# ..." summary line */
	GEO_TABLE_CSV,      /* "id,label,MEASURE..." */
	GEO_TABLE_JSON,     /* {"actors": [...], "measures", "graph", ...} */
} geo_table_format;

typedef struct geo_table_opts {
	geo_table_format format;
	const geo_measure *measures;  /* the columns after id and label, in order */
	size_t nmeasures;
	size_t top;                   /* rows: the top N by PageRank; 0 = all */
	const geo_centrality_opts *co; /* what geo_graph_compute() was given (the
					* summary and JSON name it); NULL: defaults */
} geo_table_opts;

/*
 * Writes every actor of g (or the top N) with the scores geo_graph_compute()
 * left, sorted by PageRank (highest first, NaN last, ties by id).  Counts
 * (degrees, coreness, community) print without decimals; text rounds to 6
 * significant digits, CSV keeps 12, JSON 12; NaN is "nan" (null in JSON).
 * CSV text cells are quoted when they hold a comma, quote or line break, and
 * text a spreadsheet would run (leading = + - @) gets a ' in front; text
 * tables print control bytes of ids and labels as spaces.  Returns
 * GEO_EUSAGE for missing arguments, GEO_EDATA for JSON of a label that is
 * not UTF-8, GEO_EIO when out cannot be written, GEO_ENOMEM.
 * O(V log V + V * nmeasures).
 */
geo_err geo_table_write(const geo_graph *g, const geo_table_opts *o, FILE *out, geo_error *err);

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


#ifdef __cplusplus
}
#endif

#endif
