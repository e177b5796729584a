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

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Aggregation                                                         */

typedef struct geo_agg geo_agg;

typedef struct geo_agg_opts {
	geo_level level;  /* GEO_LEVEL_COUNTRY folds people and institutions
			   * into their affiliation */
	bool self_loops;  /* keep events whose source and target are one actor */
	/* Event-level date range, "YYYY-MM-DD" or "" for open: events outside
	 * it, and undated events when either bound is set, are not added.  An
	 * aggregate keeps no events, so this is the only exact date filter
	 * (geo_filter's dates act on whole edges). */
	char since[11];
	char until[11];
} geo_agg_opts;

/*
 * Creates an empty aggregate.  dict (borrowed, may be NULL; it must outlive
 * the aggregate, not the graphs built from it) supplies labels, types,
 * affiliations and relation attributes for known ids; opts may be NULL
 * (country level, no self-loops, no dates).
 * The caller frees *out with geo_agg_free().  GEO_ENOMEM.
 *
 * What each actor becomes (resolved when the graph is built, so that the
 * first value seen wins whatever the order of merges):
 *   - at GEO_LEVEL_COUNTRY an actor with an affiliation (the event's, else
 *     the dictionary's) is replaced by that affiliation;
 *   - label: dictionary label, else the first label an event gave, else id;
 *   - type: dictionary type, else the first type an event gave, else a
 *     guess from the id: "person:..." person, "institution:..."
 *     institution, "group:..." group, three upper-case ASCII letters
 *     country, anything else unknown;
 *   - affiliation: the first an event gave, else the dictionary's.
 * Negated events ("denied imposing tariffs") state that something did NOT
 * happen: they are counted (geo_agg_stats.negated) but make no edge.
 */
geo_err geo_agg_new(geo_agg **out, const geo_dict *dict, const geo_agg_opts *opts, geo_error *err);
void geo_agg_free(geo_agg *a);

/*
 * Adds one event (its strings are copied as needed).  O(1) expected; memory
 * grows with distinct actors and (source, target, relation) edges only:
 * per edge it keeps counters, the date range, up to GEO_EVIDENCE_MAX
 * evidence sentences (the first seen) and the document run of its first
 * and last event.  The events of one document arrive together in any stream
 * geo_source produces, so a document is a maximal run of consecutive events
 * with one doc id, and an edge's docs counter goes up when its event comes
 * from a run other than its previous event's: exact, O(1) memory per edge.
 * GEO_EDATA for an event without source, target or relation; GEO_ENOMEM.
 */
geo_err geo_agg_add(geo_agg *a, const geo_event *ev, geo_error *err);

/*
 * Adds everything in from to into: the result equals aggregating from's
 * event stream after into's (a document whose events end into's stream and
 * start from's counts once).  Both should have been created with the same
 * dictionary and options.  O(actors + edges of from).  GEO_EUSAGE when into
 * == from; after GEO_ENOMEM into can only be freed.
 */
geo_err geo_agg_merge(geo_agg *into, const geo_agg *from, geo_error *err);

/* What an aggregate was given and kept. */
typedef struct geo_agg_stats {
	size_t events;      /* events given to geo_agg_add() */
	size_t kept;        /* events that made or grew an edge */
	size_t self_loops;  /* dropped: source and target the same actor (after folding) */
	size_t negated;     /* dropped: negated events */
	size_t out_of_range;/* dropped: outside opts since/until, or undated with a range set */
	size_t documents;   /* document runs among kept events */
} geo_agg_stats;

/* Counters so far (they follow later adds); valid until geo_agg_free(). */
const geo_agg_stats *geo_agg_get_stats(const geo_agg *a);

/* Distinct actors and edges so far (before any filter). */
size_t geo_agg_vcount(const geo_agg *a);
size_t geo_agg_ecount(const geo_agg *a);

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

/*
 * Builds the filtered graph from an aggregate (which it does not keep: the
 * graph owns copies of every string).  f may be NULL (no filter).  Filters
 * apply in this order:
 *   1. relations: an edge stays when its label is listed, or it belongs to
 *      a listed family: cooperation = quad 1-2, conflict = quad 3-4,
 *      verbal = quad 1 or 3, material = quad 2 or 4, trade = the relation's
 *      dictionary trade flag.  A name that is neither a family nor a
 *      relation of the dictionary or the aggregate is GEO_EUSAGE naming it.
 *   2. since/until: an edge stays when some of its events may fall in the
 *      range ([first_date, last_date] meets it); undated edges go.  Exact
 *      event-level dates belong in geo_agg_opts.
 *   3. min_count: edges with fewer events go.
 *   Actors left without an edge go.
 *   4. ego: the actors within depth steps of ego (edges in either
 *      direction), and the edges among them.  GEO_EUSAGE when ego is not an
 *      actor of the graph at this point.
 *   5. top: the top actors by PageRank (PRPACK, damping 0.85, weights =
 *      events per ordered pair; ties by id) and the edges among them.
 * O(E log E) plus, with top, one PageRank.  The caller frees *out.
 */
geo_err geo_graph_build(geo_graph **out, const geo_agg *a, const geo_filter *f, geo_error *err);
void geo_graph_free(geo_graph *g);

/* True when name is a relation family ("trade", "conflict", ...). */
bool geo_relation_family_is(const char *name);

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
	size_t nevidence;        /* 0..GEO_EVIDENCE_MAX */
	/* The first nevidence sentences seen, in order; NULL when nevidence
	 * is 0 (GDELT rows carry none).  Owned by the graph, valid until
	 * geo_graph_free(): kept out of the record so that an edge without
	 * evidence costs no room for it. */
	const geo_evidence *evidence;
	double goldstein_abs_sum; /* sum of |goldstein| over the events */
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

/* How an ordered pair's edge is weighted for centrality.  The relation
 * edges of a pair merge into one edge whose weight is the sum over them of:
 * count (events), mentions (geo_edge.weight), goldstein-abs (sum of
 * |goldstein|), or none (every pair weighs 1).  A pair whose weight is 0
 * (goldstein-abs of neutral events) is left out of the weighted graph. */
typedef enum geo_weight_mode {
	GEO_WEIGHT_COUNT = 0,
	GEO_WEIGHT_MENTIONS,
	GEO_WEIGHT_GOLDSTEIN_ABS,
	GEO_WEIGHT_NONE,
} geo_weight_mode;

/* "count", "mentions", "goldstein-abs", "none"; parse the reverse. */
const char *geo_weight_mode_name(geo_weight_mode w);
bool geo_weight_mode_parse(const char *s, geo_weight_mode *out);

typedef enum geo_community_algo {
	GEO_COMMUNITY_LOUVAIN = 0, /* igraph_community_multilevel, resolution 1 */
	GEO_COMMUNITY_LEIDEN,      /* igraph_community_leiden, modularity objective */
} geo_community_algo;

/* Above this many vertex*edge pairs (of the pair graph) the path measures,
 * betweenness and closeness, use their cutoff variants with distance
 * cutoff GEO_BETWEENNESS_CUTOFF (paths longer than that are not counted),
 * unless geo_centrality_opts.cutoff says otherwise: exact Brandes and
 * all-pairs Dijkstra are O(VE + V^2 log V), hours at a million edges. */
#define GEO_BETWEENNESS_EXACT_MAX 1e9
#define GEO_BETWEENNESS_CUTOFF 3.0

/* Zero-initialise for: every measure, count weights, raw betweenness,
 * Louvain, automatic cutoff, seed 1. */
typedef struct geo_centrality_opts {
	uint32_t measures;         /* bit (1u << m) per geo_measure; 0 means all */
	geo_weight_mode weight;
	bool normalize;            /* betweenness / ((n-1)(n-2)) */
	geo_community_algo community;
	double cutoff;             /* betweenness and closeness: 0 automatic,
				    * < 0 always exact, > 0 this distance cutoff */
	unsigned long seed;        /* igraph RNG seed for communities; 0 means 1 */
} geo_centrality_opts;

/*
 * Computes the selected measures of g; read them with geo_graph_score().
 * opts may be NULL.  Computing again replaces earlier results.
 *
 * Centrality works on the pair graph: one directed edge per ordered pair of
 * actors with edges between them, weighted as geo_weight_mode says.
 *   degree_in, degree_out, degree   pairs in, out, both (self-loop counts
 *                                   twice in degree).  O(V+E)
 *   strength_in, strength_out       summed pair weights in, out.  O(V+E)
 *   betweenness   shortest paths (directed, distance = 1/weight) through
 *                 the actor; raw counts unless normalize.  Brandes, with
 *                 igraph_betweenness()'s definitions (lengths within a
 *                 relative 1e-10 tie); from 2e7 V*E on, the sources are
 *                 split between two threads.  O(VE log V), or bounded by
 *                 the cutoff on large graphs (see above)
 *   closeness     harmonic: sum over other actors u of 1/d(v,u) following
 *                 edges out of v (distance 1/weight, unreachable adds 0),
 *                 divided by V-1.  O(VE + V^2 log V), or bounded by
 *                 the cutoff like betweenness
 *   pagerank      PRPACK, damping 0.85, weighted.  O(V+E) per iteration
 *   hub, authority  Kleinberg HITS on the weighted pair graph, max 1.  ARPACK
 *   eigenvector   on the undirected view (pair weights of both directions
 *                 summed), max 1.  ARPACK
 *   coreness      k-core number on the undirected view (unweighted).  O(V+E)
 *   community     Louvain (or Leiden, modularity objective) on the weighted
 *                 undirected view, igraph RNG seeded first; communities are
 *                 numbered from 0 by size, largest first, ties by lowest
 *                 vertex index.  About O(E log V)
 *   goldstein_in, goldstein_out  summed goldstein of every edge received,
 *                 sent (whatever the weight mode).  O(E)
 * Errors: GEO_ENOMEM, GEO_EINTERNAL (igraph failure, message in err),
 * GEO_ELIMIT (betweenness of 2^31 actors or pairs or more).
 */
geo_err geo_graph_compute(geo_graph *g, const geo_centrality_opts *opts, geo_error *err);

/* The score of vertex v for m from the last geo_graph_compute(), or NaN
 * when m was not computed or v is out of range.  O(1). */
double geo_graph_score(const geo_graph *g, geo_measure m, size_t v);

/* The distance cutoff the last computation used for betweenness and
 * closeness, or 0 when they were exact (or not computed). */
double geo_graph_betweenness_cutoff(const geo_graph *g);

/* Modularity of the community partition (weighted undirected view), or NaN
 * when communities were not computed. */
double geo_graph_modularity(const geo_graph *g);

/* Number of communities found, 0 when not computed. */
size_t geo_graph_community_count(const geo_graph *g);

#ifdef __cplusplus
}
#endif

#endif
