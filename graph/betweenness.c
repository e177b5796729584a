/*
 * betweenness.c - vertex betweenness of the pair graph (Brandes), written
 * for the shape geograph has: one directed edge per ordered pair, lengths
 * 1/weight, every vertex a source.
 *
 * Why not igraph_betweenness(): profiling `centrality` on 10^5 and 10^6
 * edges put most of the time there, in per-edge work that a flat layout
 * avoids - an incidence list read through edge ids and IGRAPH_OTHER(), a
 * tie comparison called through the PLT for every relaxation, a growable
 * vector of parents per vertex.  Here the out-edges are two flat arrays,
 * the comparison is inline, the parents of a search live in one array of
 * at most m links, and a search stops at the first vertex beyond the
 * cutoff (every vertex left in the heap is at least as far).
 *
 * The results follow igraph's definitions so that both agree (the tests
 * compare them on random graphs): paths are directed, self-loops are
 * ignored, lengths are summed from 1 and two lengths within a relative
 * 1e-10 are one length (a tie, so both paths count), and with a cutoff a
 * path counts when its length is at most the cutoff.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "graph_internal.h"

/*
 * Large graphs are split into GEO_BETWEENNESS_PARTS runs over disjoint
 * halves of the sources, on as many threads (the searches share nothing
 * but the read-only edges), and their sums added in part order.  Below
 * n * m of GEO_BETWEENNESS_SPLIT_MIN a thread costs more than it saves.
 */
#define GEO_BETWEENNESS_PARTS 2
#define GEO_BETWEENNESS_SPLIT_MIN 2e7

static long geo_cpu_count(void)
{
	long k = sysconf(_SC_NPROCESSORS_ONLN);

	return k > 0 ? k : 1;
}

/* Relative tolerance under which two path lengths are equal: igraph's
 * IGRAPH_SHORTEST_PATH_EPSILON. */
#define TIE_EPSILON 1e-10
/* A length at least this factor above another cannot tie with it (the
 * difference is then at least 1e-10 of their sum), so the tie test can be
 * skipped for it. */
#define CLEARLY_LONGER (1.0 + 1e-9)

/* -1, 0 or 1 as a is shorter than, tied with or longer than b; both > 0. */
static inline int cmp_len(double a, double b)
{
	double d = a - b;

	if (a == b || fabs(d) < TIE_EPSILON * (a + b))
		return 0;
	return d < 0 ? -1 : 1;
}

typedef struct search {
	size_t n;
	const size_t *off;   /* out-edges of v: off[v] .. off[v + 1] */
	const uint32_t *adj; /* their heads */
	const double *len;   /* their lengths, or NULL: all 1 */
	double limit;        /* 1 + cutoff, or INFINITY */
	double *dist;        /* 1 + length of the shortest path; 0 = not reached */
	double *sigma;       /* number of shortest paths */
	double *delta;       /* dependency, accumulated backwards */
	uint32_t *order;     /* vertices in the order they were settled */
	size_t nsettled;
	int32_t *phead;      /* first parent link of a vertex, -1 for none */
	int32_t *pnext;      /* next link */
	uint32_t *pvert;     /* the parent a link names */
	size_t nlinks;
	uint32_t *heap;      /* binary min-heap of reached vertices by dist */
	uint32_t *pos;       /* index of a vertex in heap */
	size_t nheap;
	size_t first, last;  /* the sources of this part */
	double *res;         /* their sums */
} search;

static void add_parent(search *s, uint32_t v, uint32_t parent)
{
	s->pvert[s->nlinks] = parent;
	s->pnext[s->nlinks] = s->phead[v];
	s->phead[v] = (int32_t)s->nlinks++;
}

static void heap_up(search *s, size_t i)
{
	uint32_t v = s->heap[i];
	double d = s->dist[v];

	while (i > 0) {
		size_t up = (i - 1) / 2;
		if (s->dist[s->heap[up]] <= d)
			break;
		s->heap[i] = s->heap[up];
		s->pos[s->heap[i]] = (uint32_t)i;
		i = up;
	}
	s->heap[i] = v;
	s->pos[v] = (uint32_t)i;
}

static uint32_t heap_pop(search *s)
{
	uint32_t top = s->heap[0], v = s->heap[--s->nheap];
	double d = s->dist[v];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= s->nheap)
			break;
		if (c + 1 < s->nheap && s->dist[s->heap[c + 1]] < s->dist[s->heap[c]])
			c++;
		if (d <= s->dist[s->heap[c]])
			break;
		s->heap[i] = s->heap[c];
		s->pos[s->heap[i]] = (uint32_t)i;
		i = c;
	}
	if (s->nheap) {
		s->heap[i] = v;
		s->pos[v] = (uint32_t)i;
	}
	return top;
}

/* Forgets a reached vertex, for the next search. */
static void reset_vertex(search *s, uint32_t v)
{
	s->dist[v] = 0;
	s->sigma[v] = 0;
	s->delta[v] = 0;
	s->phead[v] = -1;
}

/* Shortest paths from src by length (Dijkstra): fills order, sigma and the
 * parent links of every vertex within the limit. */
static void search_weighted(search *s, uint32_t src)
{
	s->dist[src] = 1.0;
	s->sigma[src] = 1.0;
	s->heap[0] = src;
	s->pos[src] = 0;
	s->nheap = 1;
	while (s->nheap) {
		uint32_t v = heap_pop(s);
		double dv = s->dist[v];

		if (dv > s->limit) {
			/* Everything still in the heap is at least as far. */
			reset_vertex(s, v);
			while (s->nheap)
				reset_vertex(s, s->heap[--s->nheap]);
			break;
		}
		s->order[s->nsettled++] = v;
		for (size_t k = s->off[v]; k < s->off[v + 1]; k++) {
			uint32_t w = s->adj[k];
			double alt = dv + s->len[k], dw = s->dist[w];
			int c;

			if (dw == 0) {
				s->dist[w] = alt;
				s->sigma[w] = s->sigma[v];
				s->phead[w] = -1;
				add_parent(s, w, v);
				s->heap[s->nheap] = w;
				heap_up(s, s->nheap++);
			} else if (alt >= dw * CLEARLY_LONGER) {
				/* The usual case, decided without the tie test. */
			} else if ((c = cmp_len(alt, dw)) < 0) {
				s->dist[w] = alt;
				s->sigma[w] = s->sigma[v];
				s->phead[w] = -1;
				add_parent(s, w, v);
				heap_up(s, s->pos[w]);
			} else if (c == 0 && alt <= s->limit) {
				s->sigma[w] += s->sigma[v];
				add_parent(s, w, v);
			}
		}
	}
}

/* The same by number of edges (breadth first); the heap array is the queue. */
static void search_unweighted(search *s, uint32_t src)
{
	size_t head = 0, tail = 0;

	s->dist[src] = 1.0;
	s->sigma[src] = 1.0;
	s->heap[tail++] = src;
	while (head < tail) {
		uint32_t v = s->heap[head++];
		double dv = s->dist[v];

		if (dv > s->limit) {
			reset_vertex(s, v);
			while (head < tail)
				reset_vertex(s, s->heap[head++]);
			break;
		}
		s->order[s->nsettled++] = v;
		for (size_t k = s->off[v]; k < s->off[v + 1]; k++) {
			uint32_t w = s->adj[k];
			if (s->dist[w] == 0) {
				s->dist[w] = dv + 1;
				s->heap[tail++] = w;
			}
			if (s->dist[w] == dv + 1 && s->dist[w] <= s->limit) {
				s->sigma[w] += s->sigma[v];
				add_parent(s, w, v);
			}
		}
	}
}

/* The arrays one search needs; each worker has its own. */
static bool search_alloc(search *s, size_t n, size_t m)
{
	s->dist = calloc(n, sizeof *s->dist);
	s->sigma = calloc(n, sizeof *s->sigma);
	s->delta = calloc(n, sizeof *s->delta);
	s->order = malloc(n * sizeof *s->order);
	s->phead = malloc(n * sizeof *s->phead);
	s->pnext = malloc((m + 1) * sizeof *s->pnext);
	s->pvert = malloc((m + 1) * sizeof *s->pvert);
	s->heap = malloc(n * sizeof *s->heap);
	s->pos = malloc(n * sizeof *s->pos);
	s->res = calloc(n, sizeof *s->res);
	if (!s->dist || !s->sigma || !s->delta || !s->order || !s->phead || !s->pnext || !s->pvert ||
	    !s->heap || !s->pos || !s->res)
		return false;
	for (size_t v = 0; v < n; v++)
		s->phead[v] = -1;
	return true;
}

static void search_free(search *s)
{
	free(s->dist);
	free(s->sigma);
	free(s->delta);
	free(s->order);
	free(s->phead);
	free(s->pnext);
	free(s->pvert);
	free(s->heap);
	free(s->pos);
	free(s->res);
}

/* Brandes over the sources first .. last - 1, into s->res. */
static void *run_sources(void *arg)
{
	search *s = arg;

	for (size_t src = s->first; src < s->last; src++) {
		s->nsettled = 0;
		s->nlinks = 0;
		if (s->len)
			search_weighted(s, (uint32_t)src);
		else
			search_unweighted(s, (uint32_t)src);
		/* Dependencies, farthest first. */
		while (s->nsettled) {
			uint32_t w = s->order[--s->nsettled];
			double coeff = (1.0 + s->delta[w]) / s->sigma[w];
			for (int32_t l = s->phead[w]; l >= 0; l = s->pnext[l]) {
				uint32_t v = s->pvert[l];
				s->delta[v] += s->sigma[v] * coeff;
			}
			if (w != src)
				s->res[w] += s->delta[w];
			reset_vertex(s, w);
		}
	}
	return NULL;
}

geo_err geo_graph_betweenness_pairs(size_t n, size_t m, const size_t *from, const size_t *to,
				    const double *len, double cutoff, double *res, geo_error *err)
{
	search part[GEO_BETWEENNESS_PARTS] = {{0}};
	size_t *off = NULL, nparts;
	uint32_t *adj = NULL;
	double *elen = NULL;
	pthread_t thread[GEO_BETWEENNESS_PARTS];
	bool started[GEO_BETWEENNESS_PARTS] = {false};
	geo_err rc = GEO_OK;

	memset(res, 0, n * sizeof *res);
	if (n == 0)
		return GEO_OK;
	if (n >= INT32_MAX || m >= INT32_MAX)
		return geo_error_set(err, GEO_ELIMIT, "betweenness: graph too large (%zu actors, %zu pairs)", n, m);
	/* A split fixed by the graph alone, not by the machine, so that the
	 * sums, and the output bytes, are the same everywhere. */
	nparts = (double)n * (double)m >= GEO_BETWEENNESS_SPLIT_MIN ? GEO_BETWEENNESS_PARTS : 1;
	off = calloc(n + 1, sizeof *off);
	adj = malloc((m + 1) * sizeof *adj);
	elen = len ? malloc((m + 1) * sizeof *elen) : NULL;
	if (!off || !adj || (len && !elen))
		goto nomem;
	for (size_t k = 0; k < nparts; k++)
		if (!search_alloc(&part[k], n, m))
			goto nomem;
	/* Out-edges by tail, in the order given, self-loops left out. */
	for (size_t i = 0; i < m; i++)
		if (from[i] != to[i])
			off[from[i] + 1]++;
	for (size_t v = 0; v < n; v++)
		off[v + 1] += off[v];
	for (size_t i = 0; i < m; i++) {
		if (from[i] == to[i])
			continue;
		/* off[v] is used as v's insertion cursor, then shifted back. */
		size_t k = off[from[i]]++;
		adj[k] = (uint32_t)to[i];
		if (elen)
			elen[k] = len[i];
	}
	for (size_t v = n; v > 0; v--)
		off[v] = off[v - 1];
	off[0] = 0;
	for (size_t k = 0; k < nparts; k++) {
		search *s = &part[k];
		s->n = n;
		s->limit = cutoff >= 0 ? 1.0 + cutoff : INFINITY;
		s->off = off;
		s->adj = adj;
		s->len = elen;
		s->first = n * k / nparts;
		s->last = n * (k + 1) / nparts;
	}
	/* The last part runs here; the others on threads when the machine has
	 * the cores for them (or in turn here when it has not, or a thread
	 * cannot be started). */
	for (size_t k = 0; k + 1 < nparts; k++)
		if (geo_cpu_count() > 1)
			started[k] = pthread_create(&thread[k], NULL, run_sources, &part[k]) == 0;
	run_sources(&part[nparts - 1]);
	for (size_t k = 0; k + 1 < nparts; k++) {
		if (started[k])
			pthread_join(thread[k], NULL);
		else
			run_sources(&part[k]);
	}
	for (size_t k = 0; k < nparts; k++)
		for (size_t v = 0; v < n; v++)
			res[v] += part[k].res[v];
	goto out;
nomem:
	rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
out:
	for (size_t k = 0; k < GEO_BETWEENNESS_PARTS; k++)
		search_free(&part[k]);
	free(off);
	free(adj);
	free(elen);
	return rc;
}
