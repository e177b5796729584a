/* graph.c - an aggregate to a filtered, sorted graph; accessors. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph_internal.h"

static const char *const measure_names[GEO_M_COUNT] = {
	"degree_in", "degree_out", "degree", "strength_in", "strength_out",
	"betweenness", "closeness", "pagerank", "hub", "authority",
	"eigenvector", "coreness", "community", "goldstein_in", "goldstein_out",
};

const char *geo_measure_name(geo_measure m)
{
	return (unsigned)m < GEO_M_COUNT ? measure_names[m] : NULL;
}

bool geo_measure_parse(const char *s, geo_measure *out)
{
	for (int i = 0; i < GEO_M_COUNT; i++)
		if (strcmp(s, measure_names[i]) == 0) {
			*out = (geo_measure)i;
			return true;
		}
	return false;
}

static const char *const weight_names[] = {"count", "mentions", "goldstein-abs", "none"};

const char *geo_weight_mode_name(geo_weight_mode w)
{
	return (unsigned)w < sizeof weight_names / sizeof *weight_names ? weight_names[w] : NULL;
}

bool geo_weight_mode_parse(const char *s, geo_weight_mode *out)
{
	for (size_t i = 0; i < sizeof weight_names / sizeof *weight_names; i++)
		if (strcmp(s, weight_names[i]) == 0) {
			*out = (geo_weight_mode)i;
			return true;
		}
	return false;
}

/* ------------------------------------------------------------------ */
/* Relation families                                                   */

enum {
	FAM_COOPERATION = 1 << 0,
	FAM_CONFLICT = 1 << 1,
	FAM_VERBAL = 1 << 2,
	FAM_MATERIAL = 1 << 3,
	FAM_TRADE = 1 << 4,
};

static const struct {
	const char *name;
	unsigned bit;
} families[] = {
	{"cooperation", FAM_COOPERATION}, {"conflict", FAM_CONFLICT}, {"verbal", FAM_VERBAL},
	{"material", FAM_MATERIAL},       {"trade", FAM_TRADE},
};

static unsigned family_bit(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof families / sizeof *families; i++)
		if (strlen(families[i].name) == n && memcmp(families[i].name, s, n) == 0)
			return families[i].bit;
	return 0;
}

bool geo_relation_family_is(const char *name)
{
	return family_bit(name, strlen(name)) != 0;
}

static unsigned families_of(int quad, bool trade)
{
	unsigned f = trade ? FAM_TRADE : 0;

	switch (quad) {
	case 1:
		f |= FAM_COOPERATION | FAM_VERBAL;
		break;
	case 2:
		f |= FAM_COOPERATION | FAM_MATERIAL;
		break;
	case 3:
		f |= FAM_CONFLICT | FAM_VERBAL;
		break;
	case 4:
		f |= FAM_CONFLICT | FAM_MATERIAL;
		break;
	}
	return f;
}

/* A parsed --relation list: family bits and relation labels (interned in
 * the aggregate, so a label compares by pointer). */
typedef struct relation_filter {
	bool active;
	unsigned families;
	const char **labels;
	size_t nlabels;
} relation_filter;

static geo_err parse_relations(const geo_agg *a, const char *list, relation_filter *rf, geo_error *err)
{
	geo_buf bad = {0};
	geo_err rc = GEO_OK;
	size_t n = 1;
	const char *p = list;

	memset(rf, 0, sizeof *rf);
	if (!list)
		return GEO_OK;
	rf->active = true;
	for (const char *q = list; *q; q++)
		n += *q == ',';
	if (!(rf->labels = calloc(n, sizeof *rf->labels)))
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		unsigned bit;
		size_t idx = 0;
		char name[128];

		/* Spaces around items are forgiven: "trade, conflict". */
		while (len && *p == ' ')
			p++, len--;
		while (len && p[len - 1] == ' ')
			len--;
		if (len && (bit = family_bit(p, len))) {
			rf->families |= bit;
		} else if (len && len < sizeof name) {
			const geo_relation_info *ri;
			memcpy(name, p, len);
			name[len] = '\0';
			ri = a->dict ? geo_dict_relation(a->dict, name) : NULL;
			if (geo_strmap_get(a->strings, name, len, NULL)) {
				const char *key = NULL;
				/* The aggregate's interned copy, which edges point to;
				 * the key is there, so nothing is allocated. */
				if (geo_strmap_put(a->strings, name, len, &idx, &key) != GEO_OK)
					goto nomem;
				rf->labels[rf->nlabels++] = key;
			} else if (!ri) {
				if (geo_buf_printf(&bad, "%s'%s'", bad.len ? ", " : "", name) != GEO_OK)
					goto nomem;
			}
		} else {
			if (geo_buf_printf(&bad, "%s'%.*s'", bad.len ? ", " : "", (int)(len < 60 ? len : 60),
					   p) != GEO_OK)
				goto nomem;
		}
		if (!end)
			break;
		p = end + 1;
	}
	if (bad.len)
		rc = geo_error_set(err, GEO_EUSAGE,
				   "unknown relation %s (a relation label, or a family: cooperation, "
				   "conflict, verbal, material, trade)",
				   bad.data);
	goto out;
nomem:
	rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
out:
	geo_buf_free(&bad);
	if (rc != GEO_OK) {
		free(rf->labels);
		rf->labels = NULL;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* The graph                                                           */

struct geo_graph {
	geo_vertex *v;
	size_t nv;
	geo_edge *e;
	size_t ne;
	geo_evidence *evidence; /* every edge's evidence, one after another */
	geo_strmap *strings; /* the graph's own copies */
	geo_strmap *vindex;  /* id -> vertex index */
	double *score[GEO_M_COUNT];
	double cutoff, modularity;
	size_t ncommunities;
};

size_t geo_graph_vcount(const geo_graph *g)
{
	return g->nv;
}

size_t geo_graph_ecount(const geo_graph *g)
{
	return g->ne;
}

const geo_vertex *geo_graph_vertex(const geo_graph *g, size_t i)
{
	return i < g->nv ? &g->v[i] : NULL;
}

const geo_edge *geo_graph_edge(const geo_graph *g, size_t i)
{
	return i < g->ne ? &g->e[i] : NULL;
}

size_t geo_graph_find(const geo_graph *g, const char *id)
{
	size_t i;

	return id && geo_strmap_get(g->vindex, id, strlen(id), &i) ? i : SIZE_MAX;
}

void geo_graph_free(geo_graph *g)
{
	if (!g)
		return;
	for (int m = 0; m < GEO_M_COUNT; m++)
		free(g->score[m]);
	free(g->v);
	free(g->e);
	free(g->evidence);
	geo_strmap_free(g->strings);
	geo_strmap_free(g->vindex);
	free(g);
}

double **geo_graph_scores(geo_graph *g)
{
	return g->score;
}

void geo_graph_set_results(geo_graph *g, double cutoff, double modularity, size_t ncommunities)
{
	g->cutoff = cutoff;
	g->modularity = modularity;
	g->ncommunities = ncommunities;
}

double geo_graph_score(const geo_graph *g, geo_measure m, size_t v)
{
	if ((unsigned)m >= GEO_M_COUNT || !g->score[m] || v >= g->nv)
		return NAN;
	return g->score[m][v];
}

double geo_graph_betweenness_cutoff(const geo_graph *g)
{
	return g->cutoff;
}

double geo_graph_modularity(const geo_graph *g)
{
	return g->ncommunities ? g->modularity : NAN;
}

size_t geo_graph_community_count(const geo_graph *g)
{
	return g->ncommunities;
}

static geo_err gintern(geo_graph *g, const char *s, const char **out)
{
	size_t dummy = 0;

	*out = NULL;
	if (!s)
		return GEO_OK;
	return geo_strmap_put(g->strings, s, strlen(s), &dummy, out);
}

/* How many records ahead a loop over records met at random asks for the
 * one it will need: enough to cover a memory access, few enough that the
 * lines are still in cache when reached. */
#define PREFETCH_AHEAD 16

/* Sort records carry their keys: qsort has no context argument, and the
 * library keeps no global state. */
typedef struct vertex_ref {
	const char *id;
	size_t agg; /* index in the aggregate */
} vertex_ref;

static int cmp_vertex_id(const void *x, const void *y)
{
	return strcmp(((const vertex_ref *)x)->id, ((const vertex_ref *)y)->id);
}

/* Edge sort key once vertex ranks are known.  32-bit fields (the
 * aggregate's indices are below 2^32): 16 bytes to move per pass, not 32. */
typedef struct edge_ref {
	uint32_t from, to;    /* ranks (positions in id order) */
	uint32_t rel;         /* rank of the relation label in strcmp order */
	uint32_t agg;         /* index in the aggregate */
} edge_ref;

/* The keys a counting pass can sort by. */
enum sort_key { BY_REL, BY_TO, BY_FROM, BY_TO_REL };

static inline size_t sort_key_of(const edge_ref *e, enum sort_key by, size_t nrel)
{
	switch (by) {
	case BY_REL:
		return e->rel;
	case BY_TO:
		return e->to;
	case BY_FROM:
		return e->from;
	default:
		return (size_t)e->to * nrel + e->rel;
	}
}

/*
 * One stable counting-sort pass: src to dst by the key "by", whose values
 * are below nkeys.  count must hold nkeys + 1 entries.
 */
static void counting_pass(const edge_ref *src, edge_ref *dst, size_t n, enum sort_key by, size_t nrel,
			  size_t nkeys, size_t *count)
{
	memset(count, 0, (nkeys + 1) * sizeof *count);
	for (size_t i = 0; i < n; i++)
		count[sort_key_of(&src[i], by, nrel) + 1]++;
	for (size_t k = 0; k < nkeys; k++)
		count[k + 1] += count[k];
	for (size_t i = 0; i < n; i++)
		dst[count[sort_key_of(&src[i], by, nrel)]++] = src[i];
}

/*
 * Sorts edges by (from, to, rel): stable counting passes, least
 * significant key first - O(n + nv + nrel), where qsort with a strcmp of
 * the labels took 18% of `stats` on 10^5 distinct edges.  When the (to,
 * rel) pairs are few enough for a count array (GDELT: a few hundred
 * actors, a few hundred relations) they are one key, and two passes do.
 * The keys are distinct, so the order is the one any sort by them gives.
 */
static geo_err sort_edges(edge_ref *edges, size_t n, size_t nv, size_t nrel, geo_error *err)
{
	bool pairs = nrel && nv <= (4 * n + 65536) / nrel;
	size_t nkeys = pairs ? nv * nrel : nv > nrel ? nv : nrel;
	edge_ref *tmp = malloc((n + 1) * sizeof *tmp);
	size_t *count = malloc((nkeys + 1) * sizeof *count);
	geo_err rc = GEO_OK;

	if (!tmp || !count) {
		rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
		goto out;
	}
	if (pairs) {
		counting_pass(edges, tmp, n, BY_TO_REL, nrel, nkeys, count);
		counting_pass(tmp, edges, n, BY_FROM, nrel, nv, count);
	} else {
		counting_pass(edges, tmp, n, BY_REL, nrel, nrel, count);
		counting_pass(tmp, edges, n, BY_TO, nrel, nv, count);
		counting_pass(edges, tmp, n, BY_FROM, nrel, nv, count);
		memcpy(edges, tmp, n * sizeof *edges);
	}
out:
	free(tmp);
	free(count);
	return rc;
}

/* What the graph needs of one relation of the aggregate, worked out once
 * for all its edges. */
typedef struct rel_info {
	const geo_relation_info *ri; /* the dictionary's entry, or NULL */
	size_t rank;                 /* position in strcmp order of the labels */
	const char *relation, *display, *cameo; /* the graph's copies; cameo NULL
						 * when the dictionary has none */
	bool interned;
} rel_info;

/* The relations' ranks and dictionary entries, in rels[a->nrels]. */
static geo_err rel_infos(const geo_agg *a, rel_info *rels, geo_error *err)
{
	vertex_ref *order = malloc((a->nrels + 1) * sizeof *order);

	if (!order)
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	for (size_t r = 0; r < a->nrels; r++) {
		order[r] = (vertex_ref){.id = a->rels[r], .agg = r};
		rels[r] = (rel_info){.ri = a->dict ? geo_dict_relation(a->dict, a->rels[r]) : NULL};
	}
	qsort(order, a->nrels, sizeof *order, cmp_vertex_id);
	for (size_t k = 0; k < a->nrels; k++)
		rels[order[k].agg].rank = k;
	free(order);
	return GEO_OK;
}

static bool edge_passes(const geo_agg *a, const geo_agg_edge *e, const rel_info *rels, const relation_filter *rf,
			const geo_filter *f)
{
	if (rf->active) {
		bool ok = false;
		for (size_t i = 0; i < rf->nlabels && !ok; i++)
			ok = rf->labels[i] == a->rels[e->rel];
		if (!ok && rf->families) {
			const geo_relation_info *ri = rels[e->rel].ri;
			ok = (families_of(ri ? ri->quad : geo_agg_edge_quad(a, (size_t)(e - a->e)), ri && ri->trade) &
			      rf->families) != 0;
		}
		if (!ok)
			return false;
	}
	if (f->since[0] || f->until[0]) {
		char first[11], last[11];

		if (!e->first_date)
			return false;
		geo_agg_date_str(a, e->first_date, first);
		geo_agg_date_str(a, e->last_date, last);
		if (f->since[0] && strcmp(last, f->since) < 0)
			return false;
		if (f->until[0] && strcmp(first, f->until) > 0)
			return false;
	}
	return geo_agg_edge_count(a, (size_t)(e - a->e)) >= f->min_count;
}

/* Keeps the actors within depth undirected steps of ego: marks keep[]. */
static geo_err ego_filter(const edge_ref *edges, size_t ne, size_t nv, size_t ego, int depth, bool *keep,
			  geo_error *err)
{
	size_t *dist = malloc((nv + 1) * sizeof *dist);

	if (!dist)
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	for (size_t i = 0; i < nv; i++)
		dist[i] = SIZE_MAX;
	dist[ego] = 0;
	/* Bellman-style sweeps: each settles one more ring; depth is small. */
	for (int d = 0; d < depth; d++) {
		bool changed = false;
		for (size_t i = 0; i < ne; i++) {
			size_t u = edges[i].from, w = edges[i].to;
			if (dist[u] == (size_t)d && dist[w] == SIZE_MAX)
				dist[w] = (size_t)d + 1, changed = true;
			else if (dist[w] == (size_t)d && dist[u] == SIZE_MAX)
				dist[u] = (size_t)d + 1, changed = true;
		}
		if (!changed)
			break;
	}
	for (size_t i = 0; i < nv; i++)
		keep[i] = dist[i] != SIZE_MAX;
	free(dist);
	return GEO_OK;
}

/* Keeps the top n vertices by PageRank over the kept edges. */
typedef struct rank_ref {
	double pr;
	const char *id;
	size_t vertex; /* rank in id order */
} rank_ref;

static int cmp_rank(const void *x, const void *y)
{
	const rank_ref *a = x, *b = y;

	if (a->pr != b->pr)
		return a->pr > b->pr ? -1 : 1;
	return strcmp(a->id, b->id);
}

static geo_err top_filter(const geo_agg *a, const edge_ref *edges, size_t ne, size_t nv,
			  const vertex_ref *order, const bool *alive, size_t top, bool *keep, geo_error *err)
{
	size_t *from = NULL, *to = NULL, *idx = NULL, m = 0, nc = 0;
	double *w = NULL, *pr = NULL;
	rank_ref *cand = NULL;
	geo_err rc = GEO_OK;

	from = malloc((ne + 1) * sizeof *from);
	to = malloc((ne + 1) * sizeof *to);
	w = malloc((ne + 1) * sizeof *w);
	pr = malloc((nv + 1) * sizeof *pr);
	idx = malloc((nv + 1) * sizeof *idx);
	cand = malloc((nv + 1) * sizeof *cand);
	if (!from || !to || !w || !pr || !idx || !cand)
		goto nomem;
	/* Compact the live vertices, then merge relations into pair edges
	 * (edges arrive sorted by pair). */
	for (size_t i = 0; i < nv; i++) {
		idx[i] = alive[i] ? nc : SIZE_MAX;
		if (alive[i])
			cand[nc++] = (rank_ref){.id = order[i].id, .vertex = i};
	}
	for (size_t i = 0; i < ne; i++) {
		size_t u = idx[edges[i].from], v = idx[edges[i].to];
		if (u == SIZE_MAX || v == SIZE_MAX)
			continue;
		if (m && from[m - 1] == u && to[m - 1] == v) {
			w[m - 1] += (double)geo_agg_edge_count(a, edges[i].agg);
		} else {
			from[m] = u;
			to[m] = v;
			w[m] = (double)geo_agg_edge_count(a, edges[i].agg);
			m++;
		}
	}
	if ((rc = geo_graph_pagerank_pairs(nc, m, from, to, w, pr, err)) != GEO_OK)
		goto out;
	for (size_t k = 0; k < nc; k++)
		cand[k].pr = pr[k];
	qsort(cand, nc, sizeof *cand, cmp_rank);
	for (size_t i = 0; i < nv; i++)
		keep[i] = false;
	for (size_t k = 0; k < top && k < nc; k++)
		keep[cand[k].vertex] = true;
	goto out;
nomem:
	rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
out:
	free(from);
	free(to);
	free(w);
	free(pr);
	free(idx);
	free(cand);
	return rc;
}

geo_err geo_graph_build(geo_graph **out, const geo_agg *a, const geo_filter *fin, geo_error *err)
{
	static const geo_filter none;
	const geo_filter *f = fin ? fin : &none;
	relation_filter rf = {0};
	geo_graph *g = NULL;
	vertex_ref *order = NULL;
	size_t *rank = NULL, *newidx = NULL, ne = 0, nv = a->nv, nev = 0, usedev = 0;
	edge_ref *edges = NULL;
	rel_info *rels = NULL;
	bool *alive = NULL, *keep = NULL;
	geo_err rc;

	*out = NULL;
	geo_igraph_init();
	if (geo_agg_flush(a) != GEO_OK)
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	/* edge_ref's fields; the aggregate stops short of this anyway. */
	if (a->nv >= UINT32_MAX || a->ne >= UINT32_MAX)
		return geo_error_set(err, GEO_ELIMIT, "more than 2^32 actors or edges");
	if ((rc = parse_relations(a, f->relations, &rf, err)) != GEO_OK)
		return rc;
	order = malloc((nv + 1) * sizeof *order);
	rank = malloc((nv + 1) * sizeof *rank);
	newidx = malloc((nv + 1) * sizeof *newidx);
	alive = calloc(nv + 1, sizeof *alive);
	keep = calloc(nv + 1, sizeof *keep);
	edges = malloc((a->ne + 1) * sizeof *edges);
	rels = malloc((a->nrels + 1) * sizeof *rels);
	if (!order || !rank || !newidx || !alive || !keep || !edges || !rels)
		goto nomem;
	if ((rc = rel_infos(a, rels, err)) != GEO_OK)
		goto out;

	/* Vertices in id order; rank[agg index] = position. */
	for (size_t i = 0; i < nv; i++)
		order[i] = (vertex_ref){.id = a->v[i].id, .agg = i};
	qsort(order, nv, sizeof *order, cmp_vertex_id);
	for (size_t i = 0; i < nv; i++)
		rank[order[i].agg] = i;

	for (size_t i = 0; i < a->ne; i++) {
		const geo_agg_edge *e = &a->e[i];
		if (!edge_passes(a, e, rels, &rf, f))
			continue;
		edges[ne++] = (edge_ref){.from = (uint32_t)rank[e->from], .to = (uint32_t)rank[e->to],
					  .rel = (uint32_t)rels[e->rel].rank, .agg = (uint32_t)i};
		/* An upper bound: the ego and top filters may drop the edge. */
		nev += geo_agg_edge_nevidence(a, i);
		alive[rank[e->from]] = alive[rank[e->to]] = true;
	}
	if ((rc = sort_edges(edges, ne, nv, a->nrels, err)) != GEO_OK)
		goto out;

	if (f->ego) {
		size_t ego = SIZE_MAX;
		for (size_t i = 0; i < nv && ego == SIZE_MAX; i++)
			if (alive[i] && strcmp(order[i].id, f->ego) == 0)
				ego = i;
		if (ego == SIZE_MAX) {
			bool folded = a->opts.level == GEO_LEVEL_COUNTRY && strchr(f->ego, ':');
			rc = geo_error_set(err, GEO_EUSAGE, "ego actor '%s' is not in the graph%s%s", f->ego,
					   f->relations || f->since[0] || f->until[0] || f->min_count
						   ? " (after the filters)"
						   : "",
					   folded ? "; at country level people and institutions fold into "
						    "their state (use actor level)"
						  : "");
			goto out;
		}
		if ((rc = ego_filter(edges, ne, nv, ego, f->depth > 0 ? f->depth : 1, keep, err)) != GEO_OK)
			goto out;
		for (size_t i = 0; i < nv; i++)
			alive[i] = alive[i] && keep[i];
	}
	if (f->top) {
		size_t live = 0;
		for (size_t i = 0; i < nv; i++)
			live += alive[i];
		if (live > f->top) {
			if ((rc = top_filter(a, edges, ne, nv, order, alive, f->top, keep, err)) != GEO_OK)
				goto out;
			for (size_t i = 0; i < nv; i++)
				alive[i] = alive[i] && keep[i];
		}
	}

	if (!(g = calloc(1, sizeof *g)) || !(g->strings = geo_strmap_new()) || !(g->vindex = geo_strmap_new()))
		goto nomem;
	for (size_t i = 0; i < nv; i++)
		newidx[i] = alive[i] ? g->nv++ : SIZE_MAX;
	if (!(g->v = calloc(g->nv + 1, sizeof *g->v)) || !(g->e = calloc(ne + 1, sizeof *g->e)))
		goto nomem;
	if (nev && !(g->evidence = calloc(nev, sizeof *g->evidence)))
		goto nomem;
	for (size_t i = 0; i < nv; i++) {
		const geo_agg_vertex *av = &a->v[order[i].agg];
		const geo_actor_info *info = a->dict ? geo_dict_actor(a->dict, av->id) : NULL;
		geo_vertex *v;
		size_t vi = newidx[i];

		if (vi == SIZE_MAX)
			continue;
		v = &g->v[vi];
		if (gintern(g, av->id, &v->id) != GEO_OK ||
		    gintern(g, info ? info->label : av->label ? av->label : av->id, &v->label) != GEO_OK ||
		    gintern(g, av->affiliation ? av->affiliation : info ? info->affiliation : NULL,
			    &v->affiliation) != GEO_OK ||
		    geo_strmap_put(g->vindex, v->id, strlen(v->id), &vi, NULL) != GEO_OK)
			goto nomem;
		v->type = info ? info->type
			  : av->type != GEO_ACTOR_UNKNOWN ? av->type : geo_graph_guess_type(av->id);
	}
	for (size_t i = 0; i < ne; i++) {
		size_t ai = edges[i].agg;
		const geo_agg_edge *ae = &a->e[ai];
		const geo_agg_edge_cold *ac = &a->ec[ai];
		rel_info *rl;

		/* Sorted order visits the aggregate's records at random: on 10^6
		 * edges waiting for each one was three quarters of this loop.
		 * Ask for a record (one line) and its cold half some edges ahead. */
		if (i + PREFETCH_AHEAD < ne) {
			GEO_PREFETCH(&a->e[edges[i + PREFETCH_AHEAD].agg]);
			GEO_PREFETCH(&a->ec[edges[i + PREFETCH_AHEAD].agg]);
		}
		rl = &rels[ae->rel];
		const geo_relation_info *ri = rl->ri;
		size_t u = newidx[edges[i].from], w = newidx[edges[i].to];
		geo_edge *e;

		if (u == SIZE_MAX || w == SIZE_MAX)
			continue;
		e = &g->e[g->ne++];
		e->from = u;
		e->to = w;
		/* A relation's strings are interned once, by its first edge. */
		if (!rl->interned) {
			if (gintern(g, a->rels[ae->rel], &rl->relation) != GEO_OK ||
			    gintern(g, ri && ri->display ? ri->display : a->rels[ae->rel], &rl->display) != GEO_OK ||
			    gintern(g, ri ? ri->cameo : NULL, &rl->cameo) != GEO_OK)
				goto nomem;
			rl->interned = true;
		}
		e->relation = rl->relation;
		e->display = rl->display;
		if (rl->cameo)
			e->cameo = rl->cameo;
		else if (gintern(g, ac->cameo, &e->cameo) != GEO_OK)
			goto nomem;
		e->quad = ri ? ri->quad : geo_agg_edge_quad(a, ai);
		e->trade = ri && ri->trade;
		e->count = (size_t)geo_agg_edge_count(a, ai);
		e->weight = ae->weight;
		e->goldstein_sum = ae->goldstein_sum;
		e->goldstein_abs_sum = ae->goldstein_abs_sum;
		e->goldstein_mean = e->count ? ae->goldstein_sum / (double)e->count : 0.0;
		geo_agg_date_str(a, ae->first_date, e->first_date);
		geo_agg_date_str(a, ae->last_date, e->last_date);
		e->docs = (size_t)geo_agg_edge_docs(a, ai);
		if (geo_agg_edge_nevidence(a, ai)) {
			const geo_evidence *from = geo_agg_edge_evidence(a, ai);
			size_t nfrom = geo_agg_edge_nevidence(a, ai);
			geo_evidence *evs = &g->evidence[usedev];

			for (size_t k = 0; k < nfrom; k++) {
				geo_evidence *ev = &evs[k];
				*ev = from[k];
				if (gintern(g, from[k].text, &ev->text) != GEO_OK ||
				    gintern(g, from[k].doc, &ev->doc) != GEO_OK)
					goto nomem;
			}
			usedev += nfrom;
			e->evidence = evs;
			e->nevidence = nfrom;
		}
	}
	*out = g;
	g = NULL;
	rc = GEO_OK;
	goto out;
nomem:
	rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
out:
	geo_graph_free(g);
	free(rf.labels);
	free(order);
	free(rank);
	free(newidx);
	free(alive);
	free(keep);
	free(edges);
	free(rels);
	return rc;
}
