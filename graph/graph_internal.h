/*
 * graph_internal.h - what graph/ shares inside: igraph set-up and error
 * translation.  Not installed.
 */
#ifndef GEO_GRAPH_INTERNAL_H
#define GEO_GRAPH_INTERNAL_H

#include <igraph.h>

#include "core_internal.h"
#include "graph.h"

/*
 * Sets igraph up once per process: the C attribute handler, an error
 * handler that records the error (instead of igraph's default, which
 * aborts) and a warning handler that forwards to geo_diag().  Safe to call
 * from any thread, any number of times.
 */
void geo_igraph_init(void);

/*
 * Translates a failed igraph call: returns GEO_ENOMEM for IGRAPH_ENOMEM and
 * GEO_EINTERNAL otherwise, with "what: igraph's message" in err.
 */
geo_err geo_igraph_error(geo_error *err, igraph_error_t rc, const char *what);

/* Calls an igraph function; on failure translates the error and jumps to
 * the enclosing function's "out" label with rc set. */
#define GEO_IGRAPH(call, what)                                  \
	do {                                                    \
		igraph_error_t geo_irc_ = (call);               \
		if (geo_irc_ != IGRAPH_SUCCESS) {               \
			rc = geo_igraph_error(err, geo_irc_, what); \
			goto out;                               \
		}                                               \
	} while (0)

/* ------------------------------------------------------------------ */
/* The aggregate, as graph.c reads it                                  */

/* An actor as events described it; the dictionary is applied when the
 * graph is built, so the first value seen wins whatever the merge order. */
typedef struct geo_agg_vertex {
	const char *id;          /* interned in geo_agg.ids */
	const char *label;       /* first label an event gave, or NULL */
	geo_actor_type type;     /* first type an event gave, or UNKNOWN */
	const char *affiliation; /* first affiliation an event gave, or NULL */
} geo_agg_vertex;

/* An actor id events named: what the dictionary says of it (looked up once)
 * and its vertex, if it has one (at country level a person folded into
 * their state has none). */
typedef struct geo_agg_id {
	const char *id;               /* the key in geo_agg.ids */
	const geo_actor_info *info;   /* valid once looked_up */
	bool looked_up;
	size_t vertex;                /* index in geo_agg.v, or SIZE_MAX */
} geo_agg_id;

/* An edge of the aggregate: 64 bytes, one cache line (the array is
 * 64-byte aligned), holding all that an event reads and writes - the key
 * the index checks, the counters, the last run, the dates as codes - so
 * an event touches one line of it.  Its code is in geo_agg_edge_cold,
 * and what most aggregates never need (evidence, counters past 32 bits,
 * a wide quad) in geo_agg_edge_rare, both at the same index. */
typedef struct geo_agg_edge {
	uint32_t from, to;       /* geo_agg.v indices */
	uint32_t rel;            /* index in geo_agg.rels */
	uint16_t flags;          /* GEO_AGG_E_* */
	int16_t quad;            /* first non-zero quad seen (geo_agg_edge_quad) */
	uint32_t count, docs;    /* low 32 bits (geo_agg_edge_count, _docs) */
	double weight, goldstein_sum, goldstein_abs_sum;
	uint64_t last_run;       /* document run of its last event */
	uint32_t first_date, last_date; /* date codes (geo_agg_date_str) */
} geo_agg_edge;
_Static_assert(sizeof(geo_agg_edge) == 64, "an edge record is one cache line");

#define GEO_AGG_E_CAMEO 1u     /* cold.cameo is set */
#define GEO_AGG_E_WIDE_QUAD 2u /* the quad is rare.quad (quad is 1) */
#define GEO_AGG_E_RUN1 4u      /* its first event was in document run 1 (all
				* a merge needs to know of its first run) */

/* What only a new edge, a merge or the graph build reads. */
typedef struct geo_agg_edge_cold {
	const char *cameo;       /* first code seen, interned, or NULL */
} geo_agg_edge_cold;

/* What most aggregates never need (GDELT rows none of it): in an array
 * beside the others made the first time an edge needs it (geo_agg.er),
 * zero for every other edge. */
typedef struct geo_agg_edge_rare {
	geo_evidence *evidence;  /* GEO_EVIDENCE_MAX slots, malloc'd with the
				  * first evidence; text and doc interned in
				  * geo_agg.strings */
	uint32_t nevidence;
	uint32_t count_hi, docs_hi; /* high 32 bits of the counters */
	int quad;                /* when GEO_AGG_E_WIDE_QUAD */
} geo_agg_edge_rare;

/* A date code: 0 for "", 1 + YYYYMMDD for "YYYY-MM-DD" (so codes compare
 * as the strings do), GEO_AGG_ODD_DATE | i for any other string, the i-th
 * of geo_agg.odd. */
#define GEO_AGG_ODD_DATE 0x80000000u

/* Asks for the cache line at p ahead of its use. */
#if defined(__GNUC__) || defined(__clang__)
#define GEO_PREFETCH(p) __builtin_prefetch(p)
#else
#define GEO_PREFETCH(p) ((void)(p))
#endif

/* An event on its way to its edge (see geo_agg_add in agg.c): what the
 * edge's update needs, copied out of the borrowed event. */
#define GEO_AGG_PIPE 16 /* events in flight; a power of two */
typedef struct geo_agg_pending {
	uint32_t from, to, rel;
	uint32_t hash;          /* top 32 bits of the key's hash */
	uint64_t run;           /* document run of the event */
	double weight, goldstein;
	int quad;
	uint32_t date;          /* date code */
	uint64_t code;          /* the event's code (at most 7 bytes) as
				 * GEO_AGG_CODE | its bytes, or 0: none */
} geo_agg_pending;
#define GEO_AGG_CODE (1ULL << 63) /* a code is set (it may be "") */

/* A zero-filled array the aggregate grows (region_grow in agg.c): on
 * the heap while small, past 64 KiB a mapping of its own. */
typedef struct geo_agg_region {
	void *p;      /* NULL until the first growth */
	size_t bytes; /* usable, all of it zero until written */
	bool mapped;  /* p is an mmap'd area, not a heap block */
} geo_agg_region;

#define GEO_AGG_HINT_BITS 10 /* entries of the id and code tables: 1024
			     * (with 512, ~220 GDELT actors made probe
			     * runs long enough to mispredict) */
#define GEO_AGG_HINTS (1u << GEO_AGG_HINT_BITS)
#define GEO_AGG_HINT_PROBES 8 /* slots looked at past the first */
#define GEO_AGG_RELHINT_BITS 8 /* entries of the relation table: 256 */
#define GEO_AGG_RELHINTS (1u << GEO_AGG_RELHINT_BITS)

struct geo_agg {
	const geo_dict *dict;
	geo_agg_opts opts;
	geo_strmap *strings;     /* interned strings: labels, relations, cameo
				  * codes, evidence sentences and their docs */
	geo_strmap *ids;         /* actor id -> index in idrec */
	geo_agg_id *idrec;
	size_t nid, capid;
	geo_strmap *relindex;    /* relation label -> index in rels */
	const char **rels;       /* distinct relations, interned, first seen first */
	size_t nrels, caprels;
	struct geo_agg_relhint { /* label address -> rels index, checked by strcmp
				  * unless the address is the dictionary's */
		const char *label;
		uint32_t rel;
		bool dict_owned; /* label is dict's own string for the relation */
	} relhint[GEO_AGG_RELHINTS];
	/* Short actor ids and CAMEO codes by their bytes, linear probing, no
	 * entry ever replaced: see resolve_actor() and intern_code() in agg.c.
	 * key 0: an empty entry. */
	struct geo_agg_actorhint {
		uint64_t key;
		uint32_t vertex;
		bool settled; /* the id's affiliation's vertex (whose type the id's
			       * events do not set), or a vertex with a type */
	} actorhint[GEO_AGG_HINTS];
	struct geo_agg_codehint {
		uint64_t key;
		const char *code; /* interned */
	} codehint[GEO_AGG_HINTS];
	size_t nevidence_edges;  /* edges with an evidence array */
	struct geo_agg_eslot *eindex; /* (from, to, rel) -> index in e: see agg.c */
	geo_agg_region eindex_mem;
	size_t ecap;             /* slots in eindex, a power of two */
	unsigned ebits;          /* log2(ecap) */
	geo_agg_vertex *v;
	size_t nv, capv;
	geo_agg_edge *e;         /* 64-byte aligned, in e_mem */
	geo_agg_region e_mem;
	size_t ne, cape;
	geo_agg_edge_cold *ec;   /* the cold half of each edge, in ec_mem */
	geo_agg_region ec_mem;
	geo_agg_edge_rare *er;   /* NULL until an edge needs it, then cape
				  * records in er_mem */
	geo_agg_region er_mem;
	bool wide_counts;        /* some counter passed 2^32 - 1 (so er is set) */
	geo_strmap *odd_dates;   /* date string -> index in odd */
	char (*odd)[11];         /* dates not "YYYY-MM-DD", NUL-padded */
	size_t nodd, capodd;
	char *first_doc;         /* doc of the first kept event */
	char *last_doc;          /* doc of the last kept event, in a buffer of
				  * last_doc_cap bytes reused from run to run */
	size_t last_doc_cap;
	uint64_t runs;           /* document runs so far; the current one is runs */
	geo_agg_stats stats;
	geo_agg_pending pipe[GEO_AGG_PIPE]; /* events whose edge is not updated
					      * yet, oldest at pipe_head */
	size_t pipe_head, pipe_len;
};

/* An edge's counters and quad, wherever they are kept. */
static inline uint64_t geo_agg_edge_count(const geo_agg *a, size_t i)
{
	return a->wide_counts ? (uint64_t)a->er[i].count_hi << 32 | a->e[i].count : a->e[i].count;
}

static inline uint64_t geo_agg_edge_docs(const geo_agg *a, size_t i)
{
	return a->wide_counts ? (uint64_t)a->er[i].docs_hi << 32 | a->e[i].docs : a->e[i].docs;
}

static inline int geo_agg_edge_quad(const geo_agg *a, size_t i)
{
	return a->e[i].flags & GEO_AGG_E_WIDE_QUAD ? a->er[i].quad : a->e[i].quad;
}

/* Edge i's evidence and its number (0 and NULL without). */
static inline uint32_t geo_agg_edge_nevidence(const geo_agg *a, size_t i)
{
	return a->er ? a->er[i].nevidence : 0;
}

static inline const geo_evidence *geo_agg_edge_evidence(const geo_agg *a, size_t i)
{
	return a->er ? a->er[i].evidence : NULL;
}

/* The date of code into out, NUL-padded to its 11 bytes. */
void geo_agg_date_str(const geo_agg *a, uint32_t code, char out[11]);

/* strcmp of the dates of two codes. */
int geo_agg_date_cmp_slow(const geo_agg *a, uint32_t x, uint32_t y);
static inline int geo_agg_date_cmp(const geo_agg *a, uint32_t x, uint32_t y)
{
	if (!((x | y) & GEO_AGG_ODD_DATE))
		return x < y ? -1 : x > y;
	return geo_agg_date_cmp_slow(a, x, y);
}

/*
 * Applies the events geo_agg_add() left in flight to their edges.  Every
 * reader of the edges calls it first; it takes a const aggregate because
 * they do: the events in flight are part of the aggregate's value, not yet
 * of its arrays, so a const aggregate may not be read from two threads at
 * once.  GEO_ENOMEM (the events are then dropped).
 */
geo_err geo_agg_flush(const geo_agg *a);

/* The type the aggregate guesses for an id nothing describes. */
geo_actor_type geo_graph_guess_type(const char *id);

/* PageRank (PRPACK, 0.85) of a graph given as pair edges (from[i], to[i],
 * weight[i]) over n vertices; res must hold n doubles. */
geo_err geo_graph_pagerank_pairs(size_t n, size_t m, const size_t *from, const size_t *to,
				 const double *weight, double *res, geo_error *err);

/*
 * Vertex betweenness of a directed graph given as pair edges (from[i],
 * to[i]) over n vertices, as igraph_betweenness_cutoff() defines it:
 * len[i] is the length of edge i (NULL: every edge has length 1), paths
 * longer than cutoff are not counted (cutoff < 0: none), self-loops are
 * ignored, ties are lengths within a relative 1e-10.  res must hold n
 * doubles.  GEO_ENOMEM, or GEO_ELIMIT past 2^31 vertices or edges.
 * O(n m log n) time, O(n + m) memory.
 */
geo_err geo_graph_betweenness_pairs(size_t n, size_t m, const size_t *from, const size_t *to,
				    const double *len, double cutoff, double *res, geo_error *err);

/* For centrality.c: the graph's score arrays (one per measure, NULL until
 * computed) and where it records the run's cutoff and communities. */
double **geo_graph_scores(geo_graph *g);
void geo_graph_set_results(geo_graph *g, double cutoff, double modularity, size_t ncommunities);

#endif
