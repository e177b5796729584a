/*
 * graph.h - events to an igraph model, filters and analytics.
 *
 * geo_agg aggregates a stream of events into one record per
 * (source, target, relation); memory grows with distinct actors and edges,
 * not with events.  geo_graph_build() turns an aggregate into a filtered
 * directed graph (igraph inside), whose vertices and edges are read through
 * the plain structs below and whose analytics are computed on demand.
 */
#ifndef GEO_GRAPH_H
#define GEO_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "extract.h"
#include "geo.h"

/* ------------------------------------------------------------------ */
/* Aggregation                                                         */

typedef struct geo_agg geo_agg;

typedef struct geo_agg_opts {
	geo_level level;  /* GEO_LEVEL_COUNTRY folds people and institutions
			   * into their affiliation */
	bool self_loops;  /* keep events whose source and target are one actor */
} geo_agg_opts;

/* dict (borrowed, may be NULL) supplies labels, types and relation
 * attributes for known ids. */
geo_err geo_agg_new(geo_agg **out, const geo_dict *dict, const geo_agg_opts *opts, geo_error *err);
void geo_agg_free(geo_agg *a);

/* Adds one event.  O(1) expected. */
geo_err geo_agg_add(geo_agg *a, const geo_event *ev, geo_error *err);

/* Adds everything in from to into; the result equals aggregating the union
 * of both event streams. */
geo_err geo_agg_merge(geo_agg *into, const geo_agg *from, geo_error *err);

/* ------------------------------------------------------------------ */
/* The graph                                                           */

/* Filters shared by every graph command.  Zero-initialise for "none". */
typedef struct geo_filter {
	const char *relations; /* comma-separated labels and families
				* (cooperation, conflict, verbal, material, trade),
				* or NULL for all */
	char since[11];        /* "YYYY-MM-DD" or "" */
	char until[11];
	size_t min_count;      /* drop edges with fewer events */
	const char *ego;       /* keep the neighbourhood of this actor id */
	int depth;             /* ego radius; 0 means 1 */
	size_t top;            /* keep the top N actors by PageRank; 0 = all */
} geo_filter;

typedef struct geo_graph geo_graph;

/* Builds the filtered graph from an aggregate (which it does not keep). */
geo_err geo_graph_build(geo_graph **out, const geo_agg *a, const geo_filter *f, geo_error *err);
void geo_graph_free(geo_graph *g);

typedef struct geo_vertex {
	const char *id;
	const char *label;
	geo_actor_type type;
	const char *affiliation; /* or NULL */
} geo_vertex;

typedef struct geo_evidence {
	const char *text;
	const char *doc;
	int32_t sent;
	char date[11];
} geo_evidence;

#define GEO_EVIDENCE_MAX 3

typedef struct geo_edge {
	size_t from, to;         /* vertex indices */
	const char *relation;    /* label */
	const char *display;     /* "buys oil from" (the label when unknown) */
	const char *cameo;       /* or NULL */
	int quad;                /* 0 when unknown */
	bool trade;
	size_t count;            /* events */
	double weight;           /* sum of event weights (mentions, or 1 each) */
	double goldstein_sum;
	double goldstein_mean;
	char first_date[11];     /* "" when no event had a date */
	char last_date[11];
	size_t docs;             /* distinct documents */
	size_t nevidence;
	geo_evidence evidence[GEO_EVIDENCE_MAX];
} geo_edge;

size_t geo_graph_vcount(const geo_graph *g);
size_t geo_graph_ecount(const geo_graph *g);

/* Vertex and edge records, valid until geo_graph_free().  Vertices are in
 * id order, edges in (source, target, relation) order, so outputs built
 * from them are deterministic. */
const geo_vertex *geo_graph_vertex(const geo_graph *g, size_t i);
const geo_edge *geo_graph_edge(const geo_graph *g, size_t i);

/* Index of the vertex with this id, or SIZE_MAX. */
size_t geo_graph_find(const geo_graph *g, const char *id);

/* ------------------------------------------------------------------ */
/* Analytics                                                           */

typedef enum geo_measure {
	GEO_M_DEGREE_IN = 0,
	GEO_M_DEGREE_OUT,
	GEO_M_DEGREE,
	GEO_M_STRENGTH_IN,
	GEO_M_STRENGTH_OUT,
	GEO_M_BETWEENNESS,
	GEO_M_CLOSENESS,
	GEO_M_PAGERANK,
	GEO_M_HUB,
	GEO_M_AUTHORITY,
	GEO_M_EIGENVECTOR,
	GEO_M_CORENESS,
	GEO_M_COMMUNITY,
	GEO_M_GOLDSTEIN_IN,
	GEO_M_GOLDSTEIN_OUT,
	GEO_M_COUNT
} geo_measure;

/* The column name of a measure ("pagerank"); parse the reverse. */
const char *geo_measure_name(geo_measure m);
bool geo_measure_parse(const char *s, geo_measure *out);

#endif
